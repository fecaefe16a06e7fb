import { statSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WorkerSink, writerEntry } from '../../src/main/core/sync/worker-sink';
import { addTestStore, SP, tempDb, type TempDb } from '../db/helpers';
import { orderRecord } from './reference-records';

const page = (from: number): Record<string, unknown>[] => Array.from({ length: 50 }, (_, i) => orderRecord(from + i));
const ctx = { storeId: 'store-a', storeZone: SP, arrivalRun: null };

let t: TempDb;
let sink: WorkerSink | null = null;
beforeEach(() => {
  t = tempDb();
  addTestStore(t.db);
});
afterEach(async () => {
  await sink?.close();
  t.close();
});

describe('the sync writer’s checkpoints', () => {
  it('checkpoint at commit only past 64 MB of WAL, on every connection the cache opens', () => {
    expect(t.db.pragma('wal_autocheckpoint', { simple: true })).toBe(16_384);
    expect(t.db.pragma('journal_size_limit', { simple: true })).toBe(16 * 1024 * 1024);
  });

  it('moves the WAL into the database once the writer has nothing left to write', async () => {
    const entry = writerEntry();
    if (entry === null) throw new Error('no writer entry');
    sink = new WorkerSink(t.file, entry);
    const before = statSync(t.file).size;
    await Promise.all([1, 1001, 2001, 3001].map((from) => sink!.writeOrders(ctx, page(from), null)));
    // 200 orders are far from the 64 MB at which a commit checkpoints: until a checkpoint, they are only in the WAL,
    // and the database file keeps its size. The writer checkpoints on its next turn after the last answer.
    let after = before;
    for (let attempt = 0; attempt < 50 && after === before; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      after = statSync(t.file).size;
    }
    expect(after).toBeGreaterThan(before + 200 * 1024);
    expect((t.db.prepare('SELECT count(*) AS n FROM orders').get() as { n: number }).n).toBe(200);
  });
});
