import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoreModel } from '../../src/main/core/fake-store';
import { cacheDifferences } from '../sync/expect-cache';
import { runCli, seededRandom, spawnCli, startFakeStoreProcess, type FakeStoreProcess } from './processes';
import { filesContaining, listFiles } from './secret-scan';

const CREDENTIALS = { token: 'tok-KILLTEST-51c0ffee99', secret: 'sec-KILLTEST-8badf00d77' };
const SHAPE = { seed: 5, orders: 1000, customers: 300, endAt: Math.floor(Date.now() / 1000) * 1000 - 3_600_000 };
const ENV = { BALCAO_USER_TOKEN: CREDENTIALS.token, BALCAO_USER_SECRET_KEY: CREDENTIALS.secret };
// 10 order requests a (one-second) minute on both sides: a full sync takes a few seconds, so kills land mid-run.
const RATE = ['--rate-limit', '10', '--time-scale', '60'];

let fake: FakeStoreProcess;
let dataDir: string;

beforeAll(async () => {
  fake = await startFakeStoreProcess(
    [
      '--orders',
      String(SHAPE.orders),
      '--customers',
      String(SHAPE.customers),
      '--seed',
      String(SHAPE.seed),
      '--end-at',
      new Date(SHAPE.endAt).toISOString(),
      ...RATE,
    ],
    CREDENTIALS,
  );
  dataDir = mkdtempSync(join(tmpdir(), 'balcao-kill-'));
});

afterAll(async () => {
  await fake?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

interface ListState {
  /** Rows this full sync has written so far (written at or after its checkpoint's start). */
  writtenByThisSync: number;
  checkpoint: { nextPage: number; startedAt: string } | null;
}

function inspect(): { integrity: string; orders: ListState; customers: ListState } {
  const db = new Database(join(dataDir, 'balcao.db'));
  try {
    const integrity = db.pragma('integrity_check', { simple: true }) as string;
    // A run killed before its first migration committed leaves a sound file with no tables yet: nothing under way.
    const migrated = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sync_state'").get();
    const list = (resource: 'orders' | 'customers'): ListState => {
      if (migrated === undefined) return { writtenByThisSync: 0, checkpoint: null };
      const row = db.prepare('SELECT full_sync FROM sync_state WHERE resource = ?').get(resource) as
        { full_sync: string | null } | undefined;
      const checkpoint = row?.full_sync ? (JSON.parse(row.full_sync) as ListState['checkpoint']) : null;
      // Customers embedded in orders are rows too (source 'order'); only the customer list's own rows count here.
      const count =
        resource === 'orders'
          ? 'SELECT count(*) AS n FROM orders WHERE synced_at >= ?'
          : "SELECT count(*) AS n FROM customers WHERE source = 'api' AND synced_at >= ?";
      const writtenByThisSync =
        checkpoint === null ? 0 : (db.prepare(count).get(checkpoint.startedAt) as { n: number }).n;
      return { writtenByThisSync, checkpoint };
    };
    return { integrity, orders: list('orders'), customers: list('customers') };
  } finally {
    db.close();
  }
}

describe('kill -9 during a CLI sync', () => {
  it('leaves a sound database every time, and the next sync ends with exactly the server data', async () => {
    const random = seededRandom(20261122);
    const args = ['sync', '--base-url', fake.apiBaseUrl, '--alias', 'demo', '--data-dir', dataDir, ...RATE];
    let killedMidRun = 0;
    for (let round = 0; round < 20; round += 1) {
      // Full every time (resuming when a checkpoint is there): an incremental run would end before most kills.
      const run = spawnCli([...args, '--mode', 'full'], ENV);
      const delay = 400 + Math.floor(random() * 4_000);
      const timer = setTimeout(() => run.child.kill('SIGKILL'), delay);
      const result = await run.done;
      clearTimeout(timer);
      if (result.signal === 'SIGKILL') killedMidRun += 1;
      const state = inspect();
      expect(state.integrity, `round ${round} (killed after ${delay} ms)`).toBe('ok');
      // Both lists page at once, into one writer: for each list under way, this sync has written whole pages, and
      // exactly the pages its checkpoint names (the store's lists are 10 and 3 full pages and do not change; a run
      // resumed past the last page reads the empty page after it, which moves the checkpoint and writes nothing).
      for (const resource of ['orders', 'customers'] as const) {
        const { checkpoint, writtenByThisSync } = state[resource];
        if (checkpoint !== null)
          expect(writtenByThisSync, `round ${round}, ${resource}`).toBe(
            Math.min((checkpoint.nextPage - 1) * 100, SHAPE[resource]),
          );
      }
    }
    // Not a timing assert: only that the rounds are not vacuous (a run that finished first starts over as a full sync).
    expect(killedMidRun).toBeGreaterThanOrEqual(5);
    // A killed run leaves its -wal behind: the credentials are in none of the files, nor in any output.
    const killed = spawnCli([...args, '--mode', 'full'], ENV);
    // Killed as soon as it has written to the WAL (checked by polling the file, not by guessing a delay).
    const wal = join(dataDir, 'balcao.db-wal');
    const poll = setInterval(() => {
      if (existsSync(wal) && statSync(wal).size > 0) killed.child.kill('SIGKILL');
    }, 20);
    const killedResult = await killed.done;
    clearInterval(poll);
    expect(killedResult.signal).toBe('SIGKILL');
    expect(listFiles(dataDir)).toContain('balcao.db-wal');
    expect(filesContaining(dataDir, [CREDENTIALS.token, CREDENTIALS.secret])).toEqual([]);
    expect(killedResult.stdout + killedResult.stderr).not.toMatch(/KILLTEST/);

    const final = await runCli([...args, '--json'], ENV);
    expect(final.code, final.stderr).toBe(0);
    expect(final.stdout + final.stderr).not.toMatch(/KILLTEST/);
    const db = new Database(join(dataDir, 'balcao.db'), { readonly: true });
    try {
      const storeId = (db.prepare('SELECT id FROM stores').get() as { id: string }).id;
      expect(cacheDifferences(db, storeId, new StoreModel(SHAPE))).toEqual([]);
      expect((db.prepare('SELECT count(*) AS n FROM stores').get() as { n: number }).n).toBe(1);
    } finally {
      db.close();
    }
  }, 170_000);
});
