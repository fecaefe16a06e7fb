import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeStore, type FakeStore } from '../../src/main/core/fake-store';
import { describeError } from '../../src/main/core/cli/exit-codes';
import { dispatchTyped } from '../../src/main/core/ipc/dispatcher';
import { createMemorySecretStore } from '../../src/main/core/secrets/memory-secret-store';
import { errorMessage } from '../../src/shared/i18n/error-message';
import { storageFailure } from '../../src/main/core/db/failures';
import { runCli } from '../cli/processes';
import { createTestCore, type TestCore } from '../helpers/core';

/**
 * A full disk and a read-only folder, for real: a small tmpfs (we run as root in CI and here), remounted read-only
 * for the second. Skipped where mounting is not allowed.
 */
function canMount(): boolean {
  const probe = mkdtempSync(join(tmpdir(), 'balcao-mount-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe], { stdio: 'ignore' });
    execFileSync('umount', [probe], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
}

const CREDENTIALS = { token: 'tok-FULLDISK-0a1b2c3d4e', secret: 'sec-FULLDISK-9f8e7d6c5b' };
const ENV = { BALCAO_USER_TOKEN: CREDENTIALS.token, BALCAO_USER_SECRET_KEY: CREDENTIALS.secret };

let fake: FakeStore;
let mountPoint: string;
let mounted = false;

/** Takes every free byte of the tmpfs (never a /dev node: a plain file in the mount). */
function fillDisk(): string {
  const filler = join(mountPoint, 'filler');
  const fd = openSync(filler, 'w');
  const chunk = Buffer.alloc(16 * 1024, 1);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    closeSync(fd);
  }
  // Down to the last block.
  const small = openSync(filler, 'a');
  try {
    for (;;) writeSync(small, Buffer.alloc(512, 1));
  } catch {
    // full
  } finally {
    closeSync(small);
  }
  return filler;
}

function integrity(file: string): string {
  const db = new Database(file, { readonly: true });
  try {
    return db.pragma('integrity_check', { simple: true }) as string;
  } finally {
    db.close();
  }
}

const allowed = canMount();

describe.skipIf(!allowed)('the data folder on a full disk and read-only', () => {
  beforeAll(async () => {
    fake = await startFakeStore({ seed: 5, orders: 80, customers: 30, alias: 'lojacheia', ...CREDENTIALS });
    mountPoint = mkdtempSync(join(tmpdir(), 'balcao-tmpfs-'));
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=6m', 'tmpfs', mountPoint]);
    mounted = true;
  });

  afterAll(async () => {
    await fake?.close();
    if (mounted) execFileSync('umount', ['-l', mountPoint]);
    rmSync(mountPoint, { recursive: true, force: true });
  });

  let core: TestCore;
  let dataDir: string;

  it('a full disk gives DISK_FULL through the dispatcher and the CLI, and the file stays whole', async () => {
    dataDir = join(mountPoint, 'data');
    mkdirSync(dataDir);
    core = createTestCore({ dataDir, secrets: createMemorySecretStore() });
    const store = core.stores.ensureScriptStore(fake.alias, fake.apiBaseUrl);
    expect((await core.sync.run(store.id, 'auto', { credentials: fake.credentials })).ok).toBe(true);
    const orderId = (
      core.db.prepare('SELECT id FROM orders WHERE store_id = ? LIMIT 1').get(store.id) as { id: number }
    ).id;
    // The WAL emptied first, so the next write must grow a file.
    core.db.pragma('wal_checkpoint(TRUNCATE)');
    const filler = fillDisk();

    const result = await dispatchTyped(core.dispatch, 'orders.setReview', {
      storeId: store.id,
      orderId,
      reviewed: true,
      note: 'nota que não cabe',
    });
    expect(result).toEqual({ ok: false, error: { code: 'DISK_FULL', params: { reason: 'database' } } });
    if (result.ok) return;
    expect(errorMessage('pt-BR', result.error)).toContain('nada ficou gravado pela metade');
    expect(errorMessage('en', result.error)).toContain('nothing was left half-written');

    const outcome = await core.sync.run(store.id, 'full', { credentials: fake.credentials });
    expect(outcome.error).toEqual({ code: 'DISK_FULL', params: { reason: 'database' } });
    await core.close();

    const cli = await runCli(
      ['sync', '--base-url', fake.apiBaseUrl, '--alias', fake.alias, '--mode', 'full', '--data-dir', dataDir],
      ENV,
    );
    expect(cli.code).not.toBe(0);
    expect(cli.stderr).toContain(describeError({ code: 'DISK_FULL', params: { reason: 'database' } }));

    rmSync(filler);
    expect(integrity(join(dataDir, 'balcao.db'))).toBe('ok');
    const check = new Database(join(dataDir, 'balcao.db'), { readonly: true });
    expect(check.prepare('SELECT count(*) AS n FROM review_state').get()).toEqual({ n: 0 });
    check.close();
  });

  it('a read-only data folder gives DATA_FOLDER_READ_ONLY when the core opens, in the app and the CLI', async () => {
    execFileSync('mount', ['-o', 'remount,ro', mountPoint]);
    try {
      // The core cannot even open: the shell is told in words.
      let opened: TestCore | null = null;
      try {
        opened = createTestCore({ dataDir, secrets: createMemorySecretStore() });
      } catch (error) {
        expect(error).toMatchObject({ code: 'DATA_FOLDER_READ_ONLY' });
      }
      await opened?.close();
      expect(opened).toBeNull();
      const cli = await runCli(['orders', '--data-dir', dataDir]);
      expect(cli.code).not.toBe(0);
      expect(cli.stderr).toContain(describeError({ code: 'DATA_FOLDER_READ_ONLY' }));
      expect(errorMessage('pt-BR', { code: 'DATA_FOLDER_READ_ONLY' })).toContain('somente leitura');
      expect(integrity(join(dataDir, 'balcao.db'))).toBe('ok');
    } finally {
      execFileSync('mount', ['-o', 'remount,rw', mountPoint]);
    }
  });
});

/** A mount cannot turn read-only under open files (EBUSY): a folder lost while running is SQLite's own error. */
describe('SQLite failures as codes', () => {
  it('a write refused as read-only is DATA_FOLDER_READ_ONLY; a file that is not a database is DATABASE_DAMAGED', () => {
    const dir = mkdtempSync(join(tmpdir(), 'balcao-codes-'));
    try {
      const file = join(dir, 'x.db');
      new Database(file).exec('CREATE TABLE t (x)').close();
      const ro = new Database(file, { readonly: true });
      let caught: unknown = null;
      try {
        ro.exec('INSERT INTO t VALUES (1)');
      } catch (error) {
        caught = error;
      }
      ro.close();
      expect(storageFailure(caught)?.toInfo()).toEqual({ code: 'DATA_FOLDER_READ_ONLY' });

      const junk = join(dir, 'junk.db');
      const fd = openSync(junk, 'w');
      writeSync(fd, Buffer.alloc(8192, 7));
      closeSync(fd);
      caught = null;
      try {
        new Database(junk).pragma('user_version');
      } catch (error) {
        caught = error;
      }
      expect(storageFailure(caught)?.toInfo()).toEqual({ code: 'DATABASE_DAMAGED' });
      expect(storageFailure(new Error('other'))).toBeNull();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
