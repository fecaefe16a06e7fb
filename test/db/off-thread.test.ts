import { readdirSync, readlinkSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReadableDB } from '../../src/main/core/db/connection';
import { closeOffThreadReader, readAllOffThread, runOffThread } from '../../src/main/core/db/off-thread';
import { sql } from '../../src/main/core/db/sql';
import { readAll } from '../../src/main/core/db/statements';
import { addTestStore, makeOrder, tempDb, type TempDb } from './helpers';
import { openDatabase, writeOrderPage } from '../../src/main/core/db';

const ids = (store: string) => sql<{ id: number }>`SELECT id FROM orders WHERE store_id = ${store} ORDER BY id`;
const count = sql<{ n: number }>`SELECT count(*) AS n FROM orders`;

describe('readAllOffThread', () => {
  let t: TempDb;
  beforeEach(() => {
    t = tempDb();
    addTestStore(t.db, 'store-a');
    const orders = [1, 2, 3].map((id) => makeOrder(id));
    writeOrderPage(t.db, 'store-a', orders, orders, [], null);
  });
  afterEach(() => t.close());

  it("gives each query's rows as the caller's connection reads them", async () => {
    const [a, n] = await readAllOffThread(t.db, [ids('store-a'), count]);
    expect(a).toEqual(readAll(t.db, ids('store-a')));
    expect(a.map((r) => r.id)).toEqual([1, 2, 3]);
    expect(n).toEqual([{ n: 3 }]);
  });

  it('sees what the caller wrote after its reader first read (the reader is kept between reads)', async () => {
    await readAllOffThread(t.db, [count]);
    const more = [4, 5].map((id) => makeOrder(id));
    writeOrderPage(t.db, 'store-a', more, more, [], null);
    const [n] = await readAllOffThread(t.db, [count]);
    expect(n).toEqual([{ n: 5 }]);
  });

  it('reads the file of its own connection: a cache made anew at the same path is read anew', async () => {
    await readAllOffThread(t.db, [count]);
    t.db.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(t.file + suffix, { force: true });
    const fresh = openDatabase(t.file);
    try {
      expect(await readAllOffThread(fresh, [count])).toEqual([[{ n: 0 }]]);
    } finally {
      fresh.close();
    }
  });

  it('reads an in-memory database, which no worker can open, on its own connection', async () => {
    const memory = new Database(':memory:') as unknown as ReadableDB;
    try {
      const [rows] = await readAllOffThread(memory, [sql<{ x: number }>`SELECT 41 + 1 AS x`]);
      expect(rows).toEqual([{ x: 42 }]);
    } finally {
      memory.close();
    }
  });

  // Threads share the process's descriptors: those naming the cache file are the caller's and its reader's. SQLite
  // defers closing a descriptor while another connection of the process holds locks on the file, so they are counted
  // once both are closed.
  const handlesOn = (file: string): number =>
    readdirSync('/proc/self/fd').filter((fd) => {
      try {
        return readlinkSync(`/proc/self/fd/${fd}`) === file;
      } catch {
        return false;
      }
    }).length;

  it.runIf(process.platform === 'linux')(
    'lets go of the file when its connection closes, and refuses what it still owed',
    async () => {
      const file = t.db.name;
      await readAllOffThread(t.db, [count]);
      const owed = expect(readAllOffThread(t.db, [count])).rejects.toMatchObject({ code: 'CLOSED' });
      await closeOffThreadReader(t.db);
      t.db.close();
      expect(handlesOn(file)).toBe(0);
      await owed;
    },
  );

  it("rejects with SQLite's error code", async () => {
    await expect(readAllOffThread(t.db, [sql`SELECT * FROM no_such_table`])).rejects.toMatchObject({
      code: 'SQLITE_ERROR',
    });
  });
});

describe('runOffThread', () => {
  let t: TempDb;
  beforeEach(() => {
    t = tempDb();
    addTestStore(t.db, 'store-a');
    const orders = [1, 2, 3, 4, 5].map((id) => makeOrder(id));
    writeOrderPage(t.db, 'store-a', orders, orders, [], null);
  });
  afterEach(() => t.close());

  it('runs a repeated statement until it changes fewer rows than its batch, reporting each run, cascades included', async () => {
    const batch = sql`DELETE FROM orders WHERE pk IN (SELECT pk FROM orders WHERE store_id = ${'store-a'} LIMIT 2)`;
    const items = () => t.db.prepare('SELECT count(*) AS n FROM order_items').get() as { n: number };
    expect(items().n).toBeGreaterThan(0);
    const heard: number[] = [];
    const run = runOffThread(t.db.name, [{ repeat: batch.sql, params: batch.params, batch: 2 }], {
      readonly: false,
      onProgress: (changes) => heard.push(changes),
    });
    expect(await run.result).toEqual([null]);
    expect(heard).toEqual([2, 2, 1]);
    expect(readAll(t.db, count)).toEqual([{ n: 0 }]);
    // The worker's connection enforces the foreign keys, so the orders' relations went with them.
    expect(items()).toEqual({ n: 0 });
  });
});
