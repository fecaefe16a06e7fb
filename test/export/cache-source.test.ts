import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cacheSource } from '../../src/main/core/export/cache-source';
import { exportCsv, type CsvShape } from '../../src/main/core/export/csv-export';
import { exportPdf } from '../../src/main/core/export/pdf-export';
import type { PdfPrinter } from '../../src/main/core/export/printer';
import type { ExportSource, Selection } from '../../src/main/core/export/source';
import { OrdersService } from '../../src/main/core/orders/orders-service';
import { syncFixture, type SyncFixture } from '../sync/helpers';

/** Hands back the HTML it was given as the "PDF": a one-part document is then written as its HTML. */
const htmlPrinter: PdfPrinter = { print: async (html) => Buffer.from(html, 'utf8'), dispose: async () => {} };
const NOW = new Date('2026-03-01T12:00:00Z');

describe('the cache source reads many orders at once and prints what it printed order by order', () => {
  let fx: SyncFixture;
  let batched: ExportSource;
  let oneByOne: ExportSource;
  let ids: number[];
  const out = mkdtempSync(join(tmpdir(), 'balcao-cache-source-'));

  beforeAll(async () => {
    fx = await syncFixture({ orders: 400, customers: 120 });
    const outcome = await fx.core.sync.run(fx.store.id, 'auto', { credentials: fx.credentials });
    expect(outcome.ok).toBe(true);
    const orders = new OrdersService(fx.core.db);
    // The sync asks for every relation an order has (ORDER_INCLUDES), as the app's does.
    ids = orders.listOrders(fx.store.id, { limit: 500 }).rows.map((row) => row.id);
    expect(ids.length).toBe(400);
    // Marks and notes on some orders, so the review state read with the batch is compared too.
    for (const [index, id] of ids.entries()) {
      if (index % 7 === 0) orders.setReview(fx.store.id, id, { reviewed: true, note: `nota ${index}` });
      if (index % 11 === 0) orders.setReview(fx.store.id, id, { flagged: true });
    }
    batched = cacheSource(orders, fx.store.id, async () => ({ name: 'Loja', timeZone: 'America/Sao_Paulo' }));
    // What the source did before it read in batches: the whole detail of each order, one at a time.
    oneByOne = { ...batched, orderLines: (picked) => batched.orders(picked) };
  }, 120_000);

  afterAll(async () => {
    await fx?.dispose();
    rmSync(out, { recursive: true, force: true });
  });

  it('gives each order as the detail holds it, but for what only the raw record keeps (facts, digital items, status history, transactions)', async () => {
    const picked = [...ids.slice(0, 300), 999_999_999, ...ids.slice(300)];
    const lines = await batched.orderLines(picked);
    const details = await batched.orders(picked);
    expect(lines[300]).toBeNull();
    expect(lines.map((line) => line?.order.id ?? null)).toEqual(picked.map((id) => (id === 999_999_999 ? null : id)));
    const withoutRaw = details.map((d) => {
      if (!d) return null;
      const { facts: _facts, items, ...order } = d.order;
      const columnItems = items.map(({ digital: _digital, ...item }) => item);
      return { review: d.review, order: { ...order, items: columnItems, statusHistory: [], transactions: [] } };
    });
    expect(lines).toEqual(withoutRaw);
    // The fixture does exercise what the batch leaves out and the marks it reads.
    expect(details.every((d) => d === null || d.order.facts !== undefined)).toBe(true);
    expect(details.some((d) => d?.order.items.some((item) => item.digital !== undefined))).toBe(true);
    expect(lines.every((line) => line === null || line.order.facts === undefined)).toBe(true);
    expect(details.some((d) => (d?.order.statusHistory.length ?? 0) > 0)).toBe(true);
    expect(details.some((d) => (d?.order.transactions.length ?? 0) > 0)).toBe(true);
    expect(lines.some((line) => line?.review.note !== '')).toBe(true);
  });

  const selections: [string, () => Selection][] = [
    ['a filter', () => ({ query: {} })],
    ['picked orders', () => ({ ids: [...ids].reverse() })],
  ];

  for (const [name, selection] of selections) {
    for (const shape of ['orders', 'items'] as CsvShape[]) {
      it(`writes the same ${shape} CSV for ${name}`, async () => {
        const csv = async (source: ExportSource, file: string) => {
          await exportCsv({ selection: selection(), shape, locale: 'pt-BR', file: join(out, file) }, source);
          return readFileSync(join(out, file), 'utf8');
        };
        const expected = await csv(oneByOne, `one-${shape}.csv`);
        expect(await csv(batched, `batched-${shape}.csv`)).toBe(expected);
        expect(expected.split('\r\n').length).toBeGreaterThan(ids.length);
      });
    }

    for (const kind of ['report', 'picking'] as const) {
      it(`prints the same ${kind} for ${name}`, async () => {
        const print = async (source: ExportSource, file: string) => {
          await exportPdf(
            { kind, selection: selection(), locale: 'pt-BR', target: { file: join(out, file) } },
            { source, printer: htmlPrinter, now: () => NOW, reportRowsPerPart: 100_000 },
          );
          return readFileSync(join(out, file), 'utf8');
        };
        const expected = await print(oneByOne, `one-${kind}.html`);
        expect(await print(batched, `batched-${kind}.html`)).toBe(expected);
        expect(expected).toContain('<table');
      });
    }
  }
});
