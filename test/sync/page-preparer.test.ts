import { afterEach, describe, expect, it } from 'vitest';
import { prepareOrders, type PreparedCustomers, type PreparedOrders } from '../../src/main/core/sync/page-prepare';
import { PagePreparer } from '../../src/main/core/sync/page-preparer';
import { preparerEntry } from '../../src/main/core/sync/worker-sink';
import { SP } from '../db/helpers';
import { orderRecord } from './reference-records';

const records = (from: number): Record<string, unknown>[] => [0, 1, 2].map((i) => orderRecord(from + i));
const listBodyText = (from: number): string =>
  JSON.stringify({ data: [...records(from), { id: 'not an order' }], meta: { pagination: { total: 4 } } });
const ctx = { storeId: 'store-a', storeZone: SP, arrivalRun: null };

// A preparing thread that dies on its first page, as a crash would.
const DYING = new URL(
  `data:text/javascript,${encodeURIComponent("import { parentPort } from 'node:worker_threads'; parentPort.on('message', () => process.exit(3));")}`,
);

let preparer: PagePreparer | null = null;
afterEach(async () => {
  await preparer?.close();
  preparer = null;
});

describe('PagePreparer', () => {
  it('prepares a list page on its own thread exactly as the writer would itself', async () => {
    preparer = new PagePreparer(preparerEntry());
    expect(preparer.threaded).toBe(true);
    const page = (await preparer.prepare({
      op: 'orders',
      ctx,
      records: { listBody: Buffer.from(listBodyText(1)) },
    })) as PreparedOrders;
    const inline = prepareOrders(ctx, (JSON.parse(listBodyText(1)) as { data: unknown[] }).data);
    expect(page.records).toEqual(inline.records);
    expect(page.records.map((o) => o.id)).toEqual([1, 2, 3]);
    expect(page.packed.map((p) => Buffer.from(p).toString('hex'))).toEqual(
      inline.packed.map((p) => Buffer.from(p).toString('hex')),
    );
    expect(page.unreadable).toHaveLength(1);
    expect(page.zones).toEqual(inline.zones);
  });

  it('answers each page as its own, whatever order the answers come in', async () => {
    preparer = new PagePreparer(preparerEntry());
    const pages = (await Promise.all(
      [10, 20, 30, 40].map((from) => preparer!.prepare({ op: 'orders', ctx, records: records(from) })),
    )) as PreparedOrders[];
    expect(pages.map((p) => p.records.map((o) => o.id))).toEqual([
      [10, 11, 12],
      [20, 21, 22],
      [30, 31, 32],
      [40, 41, 42],
    ]);
  });

  it('prepares on the caller’s thread the pages a dying thread held, and every page after', async () => {
    preparer = new PagePreparer(DYING);
    const held = [1, 10, 20].map((from) => preparer!.prepare({ op: 'orders', ctx, records: records(from) }));
    const pages = (await Promise.all(held)) as PreparedOrders[];
    expect(pages.map((p) => p.records[0].id)).toEqual([1, 10, 20]);
    expect(preparer.threaded).toBe(false);
    const after = (await preparer.prepare({
      op: 'customers',
      ctx,
      records: [{ id: 7, name: 'Ana' }],
    })) as PreparedCustomers;
    expect(after.records.map((c) => c.id)).toEqual([7]);
  });

  it('rejects a page whose text is not JSON, and goes on with the next', async () => {
    preparer = new PagePreparer(preparerEntry());
    await expect(
      preparer.prepare({ op: 'orders', ctx, records: { listBody: Buffer.from('{"data": [') } }),
    ).rejects.toThrow(/JSON/);
    const next = (await preparer.prepare({ op: 'orders', ctx, records: records(50) })) as PreparedOrders;
    expect(next.records).toHaveLength(3);
  });
});
