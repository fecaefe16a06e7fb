import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getOrderDetail, readSyncState } from '../../src/main/core/db';
import { inlineSink, type PageSink } from '../../src/main/core/sync/page-sink';
import { WorkerSink, writerEntry } from '../../src/main/core/sync/worker-sink';
import { addTestStore, SP, tempDb, type TempDb } from '../db/helpers';
import { orderRecord } from './reference-records';

// A list page as the API sends it: the records under `data`, pagination under `meta`.
const record = (id: number): Record<string, unknown> => orderRecord(id);
const listBody = JSON.stringify({
  data: [record(1), record(2), { id: 'not an order' }],
  meta: { pagination: { total: 3, total_pages: 1 } },
});
const ctx = { storeId: 'store-a', storeZone: SP, arrivalRun: null };

let t: TempDb;
beforeEach(() => {
  t = tempDb();
  addTestStore(t.db);
});
afterEach(() => t.close());

describe.each([
  ['inline', (): PageSink => inlineSink(t.db), false],
  [
    'worker thread',
    (): PageSink => {
      const entry = writerEntry();
      if (entry === null) throw new Error('no writer entry');
      return new WorkerSink(t.file, entry);
    },
    true,
  ],
  [
    'worker thread preparing its pages itself',
    (): PageSink => {
      const entry = writerEntry();
      if (entry === null) throw new Error('no writer entry');
      return new WorkerSink(t.file, entry, null);
    },
    true,
  ],
])('a list page handed to the %s sink as the bytes the API sent', (_name, makeSink, moved) => {
  it('is written exactly as the same records handed over parsed', async () => {
    const sink = makeSink();
    try {
      const bytes = new TextEncoder().encode(listBody);
      const fromText = await sink.writeOrders(ctx, { listBody: bytes }, null);
      // Handed to a thread, the body is moved, not copied: the sender's buffer is left empty.
      expect(bytes.byteLength).toBe(moved ? 0 : listBody.length);
      expect(fromText).toMatchObject({ written: 2, unreadable: 1, ids: [1, 2] });
      const asText = getOrderDetail(t.db, 'store-a', 2);
      const parsed = await sink.writeOrders(ctx, (JSON.parse(listBody) as { data: unknown[] }).data, null);
      expect(parsed).toMatchObject({ written: 2, unreadable: 1, ids: [1, 2] });
      expect(getOrderDetail(t.db, 'store-a', 2)).toEqual(asText);
      expect(asText?.order.number).toBe(5002);
      expect(asText?.raw).toMatchObject({ id: 2, track_url: '<string>' });
    } finally {
      await sink.close();
    }
  });
});

describe('the writer thread', () => {
  it('applies requests in the order they came, though a page waits for its preparing and a state write does not', async () => {
    const entry = writerEntry();
    if (entry === null) throw new Error('no writer entry');
    const sink = new WorkerSink(t.file, entry);
    const checkpoint = (nextPage: number) => ({ nextPage, pageSize: 100, totalPages: 9, startedAt: 'x' });
    try {
      await sink.writeState('store-a', 'orders', { fullSync: checkpoint(1) });
      const records = Array.from({ length: 100 }, (_, i) => record(100 + i));
      // Sent back to back: had the state write overtaken the page, the page's checkpoint would find page 5 expected
      // and roll the page back.
      const page = sink.writeOrders(ctx, records, { page: 1, patch: { fullSync: checkpoint(2) } });
      const state = sink.writeState('store-a', 'orders', { fullSync: checkpoint(5) });
      await expect(page).resolves.toMatchObject({ written: 100 });
      await state;
      expect(readSyncState(t.db, 'store-a', 'orders').fullSync?.nextPage).toBe(5);
    } finally {
      await sink.close();
    }
  });
});
