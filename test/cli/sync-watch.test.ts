import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, spawnCli, startFakeStoreProcess, type FakeStoreProcess } from './processes';

const CREDENTIALS = { token: 'tok-WATCHTEST-0a1b2c3d', secret: 'sec-WATCHTEST-4e5f6a7b' };
const ENV = { BALCAO_USER_TOKEN: CREDENTIALS.token, BALCAO_USER_SECRET_KEY: CREDENTIALS.secret };

let fake: FakeStoreProcess;
let dataDir: string;

beforeAll(async () => {
  fake = await startFakeStoreProcess(['--orders', '120', '--customers', '40', '--seed', '9'], CREDENTIALS);
  dataDir = mkdtempSync(join(tmpdir(), 'balcao-watch-'));
});

afterAll(async () => {
  await fake?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('sync --watch', () => {
  it('runs the scheduler until Ctrl-C, one line per finished run, and exits 0', async () => {
    const args = ['sync', '--watch', '--interval', '5m', '--base-url', fake.apiBaseUrl, '--alias', 'demo'];
    const run = spawnCli([...args, '--data-dir', dataDir], ENV);
    let stderr = '';
    await new Promise<void>((resolve, reject) => {
      run.child.stderr!.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        if (/sync ok: /.test(stderr)) resolve();
      });
      run.child.once('exit', () => reject(new Error(`exited before a run finished: ${stderr}`)));
    });
    run.child.kill('SIGINT');
    const result = await run.done;
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/watching: every 5 min/);
    const db = new Database(join(dataDir, 'balcao.db'), { readonly: true });
    try {
      expect((db.prepare('SELECT count(*) AS n FROM orders').get() as { n: number }).n).toBe(120);
    } finally {
      db.close();
    }
    // The interval is the data folder's setting, the same one Configurações shows.
    const schedule = await runCli(['sync', '--watch', '--interval', '7m', '--data-dir', dataDir]);
    expect(schedule.code).toBe(2);
    expect(schedule.stderr).toMatch(/--interval must be one of off, 5, 10, 15, 30, 60/);
  }, 60_000);

  it('refuses --interval without --watch', async () => {
    const result = await runCli(['sync', '--interval', '10m', '--data-dir', dataDir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--interval goes with --watch/);
  });
});
