import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CacheRepackProgress } from '../../src/shared/domain/app';
import { assembleCore, DATABASE_FILE } from '../../src/main/core/composition';
import {
  getCustomerDetail,
  getOrderDetail,
  MIGRATIONS,
  openDatabase,
  readVersion,
  writeOrderPage,
  type Db,
} from '../../src/main/core/db';
import { storedRawJson } from '../../src/main/core/db/raw-json';
import { RAW_PACK_VERSION, rawRepackPending, REPACK_START, repackRawBatch } from '../../src/main/core/db/raw-repack';
import { getReview } from '../../src/main/core/db/review-repo';
import { presentCustomer, presentOrder, StoreModel } from '../../src/main/core/fake-store';
import { redactSecrets } from '../helpers/redact-secrets';
import { createMemorySecretStore } from '../../src/main/core/secrets/memory-secret-store';
import { ORDER_INCLUDES } from '../../src/main/core/sync';
import { addTestStore, makeOrder, tempFiles } from './helpers';

const ROOT = new URL('../../', import.meta.url).pathname;
const FIXTURE = join(__dirname, 'fixtures', 'cache-v6.sqlite');

const files = tempFiles('balcao-repack-');
const dirs: string[] = [];
afterEach(() => {
  files.cleanup();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

interface Stored {
  id: number;
  raw: string | null;
  raw_deflated: Uint8Array | null;
}

const rows = (db: Db, table: 'orders' | 'customers'): Stored[] =>
  db
    .prepare(
      `SELECT id, raw, raw_deflated FROM ${table} ${table === 'customers' ? "WHERE source = 'api'" : ''} ORDER BY id`,
    )
    .all() as Stored[];
const packedCount = (db: Db) =>
  rows(db, 'orders').filter((r) => r.raw_deflated !== null).length +
  rows(db, 'customers').filter((r) => r.raw_deflated !== null).length;
const rawVersion = (db: Db) =>
  (db.prepare("SELECT version FROM derived_versions WHERE name = 'raw'").get() as { version: number }).version;

/**
 * Every record of the fixture (its README: the fake store of seed 41, every include the sync asks for) reads back
 * byte for byte, as stored and through the detail reads, whichever form its row is in; the review mark is kept.
 */
function expectFixtureRecords(db: Db): void {
  const model = new StoreModel({ seed: 41, orders: 30, customers: 12 });
  const includes = new Set<string>(ORDER_INCLUDES);
  const orders = rows(db, 'orders');
  expect(orders).toHaveLength(30);
  for (const row of orders) {
    const record = redactSecrets(presentOrder(model.order(model.orderIndexOfId(row.id)!), includes));
    expect(storedRawJson(row)).toBe(JSON.stringify(record));
    expect(getOrderDetail(db, 'store-a', row.id)?.raw).toEqual(record);
  }
  const customers = rows(db, 'customers');
  expect(customers).toHaveLength(12);
  for (const row of customers) {
    const record = redactSecrets(presentCustomer(model.customer(model.customerIndexOfId(row.id)!), new Set()));
    expect(storedRawJson(row)).toBe(JSON.stringify(record));
    expect(getCustomerDetail(db, 'store-a', row.id)?.raw).toEqual(record);
  }
  expect(getReview(db, 'store-a', orders[0].id)).toMatchObject({ reviewed: true, note: 'conferido' });
}

/** Batches from the start until the walk says it is done; the number of batches that packed something. */
function repackAll(db: Db, batch?: number): number {
  let cursor = REPACK_START;
  for (let batches = 0; ; batches += 1) {
    const step = repackRawBatch(db, cursor, batch);
    if (step.done) return batches;
    cursor = step.cursor;
  }
}

describe('the raw JSON repack', () => {
  it('packs a row still kept as text, and leaves the packed ones as they are', () => {
    const file = files.file();
    const db = openDatabase(file);
    addTestStore(db);
    writeOrderPage(db, 'store-a', [makeOrder(1), makeOrder(2)], [{ id: 1 }, { id: 2 }], [], null);
    const packedBefore = (db.prepare('SELECT raw_deflated FROM orders WHERE id = 1').get() as Stored).raw_deflated;
    const old = '{"id":2,"as":"version 7 wrote it"}';
    // As a version before migration 8 left it, and the repack not yet run.
    db.prepare('UPDATE orders SET raw = ?, raw_deflated = NULL WHERE id = 2').run(old);
    db.prepare("UPDATE derived_versions SET version = 0 WHERE name = 'raw'").run();
    expect(getOrderDetail(db, 'store-a', 2)?.raw).toEqual(JSON.parse(old));
    expect(rawRepackPending(db)).toBe(true);

    expect(repackAll(db)).toBe(1);
    const [one, two] = rows(db, 'orders');
    expect(one.raw_deflated).toEqual(packedBefore);
    expect(two.raw).toBe('');
    expect(storedRawJson(two)).toBe(old);
    expect(rawVersion(db)).toBe(RAW_PACK_VERSION);
    expect(rawRepackPending(db)).toBe(false);
    db.close();
  });

  it('does not hold the open of a cache written by version 6: its rows are read as text until the batches pack them', () => {
    const file = files.file();
    copyFileSync(FIXTURE, file);
    const db = openDatabase(file);
    expect(readVersion(db)).toBe(MIGRATIONS.length);
    expect(packedCount(db)).toBe(0);
    expect(rawRepackPending(db)).toBe(true);
    expectFixtureRecords(db);

    // Midway: some rows packed, the others still text, every record the same bytes.
    let step = repackRawBatch(db, REPACK_START, 10);
    expect(step.done).toBe(false);
    expect(packedCount(db)).toBe(20);
    expect(step.position.done).toBeLessThan(step.position.total);
    expectFixtureRecords(db);

    while (!step.done) step = repackRawBatch(db, step.cursor, 10);
    expect(packedCount(db)).toBe(42);
    expect(rows(db, 'orders').every((r) => r.raw === '')).toBe(true);
    expect(rows(db, 'customers').every((r) => r.raw === null)).toBe(true);
    expect(rawVersion(db)).toBe(RAW_PACK_VERSION);
    expectFixtureRecords(db);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });

  it('goes on after a kill in the middle of a batch: committed batches stay packed, the cut one is undone', async () => {
    const file = files.file();
    copyFileSync(FIXTURE, file);
    openDatabase(file).close();
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/db/scripts/repack-killed.ts', file], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let said = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        said += chunk.toString();
        if (said.includes('inside 3')) resolve();
      });
      child.once('exit', () => reject(new Error(`the script ended before its third batch: ${said}`)));
    });
    const killed = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await killed;

    const db = openDatabase(file);
    // Two batches of three orders and three customers each; the third batch's rows were never committed.
    expect(packedCount(db)).toBe(12);
    expect(rawVersion(db)).toBe(0);
    expectFixtureRecords(db);
    expect(repackAll(db, 3)).toBe(8);
    expect(packedCount(db)).toBe(42);
    expect(rawVersion(db)).toBe(RAW_PACK_VERSION);
    expectFixtureRecords(db);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });

  it('runs on its own after the core opens an old cache, with progress, while the cache answers', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'balcao-repack-core-'));
    dirs.push(dataDir);
    copyFileSync(FIXTURE, join(dataDir, DATABASE_FILE));
    const core = assembleCore({
      appName: 'Balcão',
      version: 'test',
      dataDir,
      shell: 'cli',
      secrets: createMemorySecretStore(),
      checkIntegrity: false,
    });
    try {
      const progress: CacheRepackProgress[] = [];
      core.events.subscribeAll((event, payload) => {
        if (event === 'cache.repack') progress.push(payload as CacheRepackProgress);
      });
      // The core is open and answering before the first batch has run.
      expect(packedCount(core.db)).toBe(0);
      expectFixtureRecords(core.db);
      await expect(core.rawRepack).resolves.toBe(true);
      expect(packedCount(core.db)).toBe(42);
      expect(rawVersion(core.db)).toBe(RAW_PACK_VERSION);
      expect(progress.at(-1)).toMatchObject({ finished: true });
      expect(progress.slice(0, -1).every((p) => !p.finished && p.done <= p.total)).toBe(true);
      expectFixtureRecords(core.db);
    } finally {
      await core.close();
    }
  });
});
