// What the main thread spends on a list page of orders: reading it with api/list-body.ts (what the client does) against
// JSON.parse of its decoded text (what it did before the ninth session). Pages of 100 orders with every include the
// sync asks for, as the fake store presents them (seed 1), as bytes; CPU time and the heap left to collect.
//
//   node --expose-gc --import tsx bench/list-body.ts
import { readListBody } from '../src/main/core/api/list-body';
import { presentOrder, StoreModel } from '../src/main/core/fake-store';
import { ORDER_INCLUDES } from '../src/main/core/sync';

const PAGES = 20;
const model = new StoreModel({ seed: 1, orders: PAGES * 100, customers: 600 });
const includes = new Set<string>(ORDER_INCLUDES);
const pages = Array.from({ length: PAGES }, (_, p) => {
  const data = Array.from({ length: 100 }, (_, i) => presentOrder(model.order(p * 100 + i), includes));
  const meta = {
    pagination: { total: PAGES * 100, count: 100, per_page: 100, current_page: p + 1, total_pages: PAGES },
  };
  return new TextEncoder().encode(JSON.stringify({ data, meta }));
});
const decoder = new TextDecoder();
const gc = (globalThis as { gc?: () => void }).gc;

function measure(name: string, read: (bytes: Uint8Array) => unknown): void {
  const rounds = 10;
  const kept: unknown[] = [];
  gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const cpu = process.cpuUsage();
  for (let r = 0; r < rounds; r += 1) for (const page of pages) kept.push(read(page));
  const { user, system } = process.cpuUsage(cpu);
  const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1e6 / (rounds * PAGES);
  const ms = (user + system) / 1000 / (rounds * PAGES);
  console.log(`${name}: ${ms.toFixed(2)} ms of CPU a page, ${heapMb.toFixed(2)} MB of heap a page`);
  kept.length = 0;
}

const kb = pages.reduce((sum, page) => sum + page.byteLength, 0) / PAGES / 1024;
console.log(`${PAGES} pages of 100 orders, ${kb.toFixed(0)} KB each`);
for (let i = 0; i < 3; i += 1) {
  measure('readListBody', readListBody);
  measure('JSON.parse  ', (bytes) => JSON.parse(decoder.decode(bytes)));
}
