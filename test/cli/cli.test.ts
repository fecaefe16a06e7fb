import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, startFakeStoreProcess, type CliResult, type FakeStoreProcess } from './processes';
import { filesContaining } from './secret-scan';
import { createCore } from '../../src/main/core/composition';
import { describeError } from '../../src/main/core/cli/exit-codes';
import { dispatchTyped } from '../../src/main/core/ipc/dispatcher';
import { createMemorySecretStore } from '../../src/main/core/secrets/memory-secret-store';
import type { OrderQuery } from '../../src/shared/domain/query';

const CREDENTIALS = { token: 'tok-CLITEST-0a1b2c3d4e', secret: 'sec-CLITEST-9f8e7d6c5b' };
const ENV = { BALCAO_USER_TOKEN: CREDENTIALS.token, BALCAO_USER_SECRET_KEY: CREDENTIALS.secret };
const inTestKeyring = process.env['BALCAO_TEST_KEYRING'] === '1';

let fake: FakeStoreProcess;
let dataDir: string;
const outputs: CliResult[] = [];

async function cli(args: string[], env: Record<string, string | undefined> = {}, dir = dataDir): Promise<CliResult> {
  const result = await runCli([...args, '--data-dir', dir], env);
  outputs.push(result);
  return result;
}

beforeAll(async () => {
  fake = await startFakeStoreProcess(
    ['--orders', '400', '--customers', '150', '--seed', '9', '--end-at', 'now', '--time-scale', '60'],
    CREDENTIALS,
  );
  dataDir = mkdtempSync(join(tmpdir(), 'balcao-cli-'));
});

afterAll(async () => {
  await fake?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('balcao CLI', () => {
  it('exits 2 on usage errors and never takes credentials from argv', async () => {
    expect((await cli(['nope'])).code).toBe(2);
    expect((await cli(['orders', '--bogus'])).code).toBe(2);
    expect((await cli(['sync', '--base-url', fake.apiBaseUrl])).code).toBe(2);
    const noEnv = await cli(['sync', '--base-url', fake.apiBaseUrl, '--alias', 'demo']);
    expect(noEnv.code).toBe(2);
    expect(noEnv.stderr).toMatch(/BALCAO_USER_TOKEN/);
    expect((await cli(['stores', 'add', '--alias', 'x', '--token', 'abc'])).code).toBe(2);
    expect((await cli(['orders', '--from', '2024-1-1'])).code).toBe(2);
  });

  it('syncs with credentials from the environment, then lists and shows orders and customers as JSON', async () => {
    const sync = await cli(['sync', '--base-url', fake.apiBaseUrl, '--alias', 'demo', '--json'], ENV);
    expect(sync.code, sync.stderr).toBe(0);
    const outcome = JSON.parse(sync.stdout) as { ok: boolean; mode: string; ordersWritten: number; requests: number };
    expect(outcome).toMatchObject({ ok: true, mode: 'full' });
    expect(sync.stderr).toMatch(/^sync ok: full, \d+ orders, 150 customers, 0 unreadable, \d+ requests, \d+ retries$/m);

    const orders = await cli(['orders', '--json', '--limit', '5']);
    expect(orders.code).toBe(0);
    const page = JSON.parse(orders.stdout) as {
      storeId: string;
      total: number;
      rows: { id: number; number: number; status: { alias: string } }[];
    };
    expect(page.total).toBe(400);
    expect(page.rows).toHaveLength(5);

    const paid = JSON.parse(
      (await cli(['orders', '--json', '--status', 'delivered', '--limit', '500'])).stdout,
    ) as typeof page;
    expect(paid.rows.every((r) => r.status.alias === 'delivered')).toBe(true);
    expect(paid.total).toBeGreaterThan(0);

    const one = await cli(['order', String(page.rows[0].id), '--json']);
    const detail = JSON.parse(one.stdout) as {
      order: { id: number; items: unknown[]; customer: { id: number } };
      raw: unknown;
    };
    expect(detail.order.id).toBe(page.rows[0].id);
    expect(detail.order.items.length).toBeGreaterThan(0);

    const customer = JSON.parse((await cli(['customer', String(detail.order.customer.id), '--json'])).stdout) as {
      customer: { id: number };
      totals: { orderCount: number };
    };
    expect(customer.customer.id).toBe(detail.order.customer.id);
    expect(customer.totals.orderCount).toBeGreaterThan(0);
    const customers = JSON.parse((await cli(['customers', '--json'])).stdout) as { total: number };
    expect(customers.total).toBe(150);

    expect((await cli(['order', '999999999'])).code).toBe(5);
    const again = await cli(['sync', '--base-url', fake.apiBaseUrl, '--alias', 'demo', '--json'], ENV);
    expect(JSON.parse(again.stdout)).toMatchObject({ ok: true, mode: 'incremental' });
  }, 60_000);

  it('exits 3 on wrong credentials and 4 when the store cannot be reached, keeping the cache', async () => {
    const wrong = await cli(['sync', '--base-url', fake.apiBaseUrl, '--alias', 'demo'], {
      BALCAO_USER_TOKEN: 'wrong-token-1234',
      BALCAO_USER_SECRET_KEY: 'wrong-secret-1234',
    });
    expect(wrong.code).toBe(3);
    expect(wrong.stderr).toMatch(/AUTH_INVALID/);
    const offline = await cli(['sync', '--base-url', 'http://127.0.0.1:9/v2', '--alias', 'demo'], ENV);
    expect(offline.code).toBe(4);
    const stores = JSON.parse((await cli(['stores', 'list', '--json'])).stdout) as {
      alias: string;
      orderCount: number;
      lastError: string | null;
    }[];
    // Neither failure touched what the earlier sync cached.
    expect(stores).toContainEqual(expect.objectContaining({ alias: 'demo', orderCount: 400 }));
  }, 60_000);

  it("refuses a bad flag by the app's own schema: the same code, field and words as the app's call", async () => {
    const stores = JSON.parse((await cli(['stores', 'list', '--json'])).stdout) as { id: string; orderCount: number }[];
    const store = stores.find((s) => s.orderCount === 400)!;
    const core = createCore({
      appName: 'Balcão',
      version: 't',
      shell: 'bridge',
      dataDir,
      secrets: createMemorySecretStore(),
    });
    try {
      const cases: [string[], OrderQuery, string][] = [
        [['--limit', '100000'], { limit: 100_000 }, 'query.limit'],
        [['--from', '2024-1-1'], { limit: 50, from: '2024-1-1' }, 'query.from'],
        [['--status', 's'.repeat(65)], { limit: 50, statuses: ['s'.repeat(65)] }, 'query.statuses.0'],
      ];
      for (const [flags, query, field] of cases) {
        const app = await dispatchTyped(core.dispatch, 'orders.list', { storeId: store.id, query });
        expect(app).toEqual({ ok: false, error: { code: 'INVALID_INPUT', params: { reason: 'field', field } } });
        if (app.ok) continue;
        const run = await cli(['orders', '--store', store.id, ...flags]);
        expect(run.code).toBe(2);
        expect(run.stderr).toBe(`balcao: ${describeError(app.error)}\n`);
        expect(run.stderr).toContain(`INVALID_INPUT: Invalid data: check the field “${field}”.`);
      }
    } finally {
      await core.close();
    }
  });

  it('says a failure recorded in the data folder in English, and keeps it as its code for scripts', async () => {
    // The wrong credentials above failed the synced store; the unreachable URL failed a store row of its own.
    const listed = await cli(['stores', 'list']);
    expect(listed.stdout).toContain('error: AUTH_INVALID: Yampi refused the token or the secret key.');
    expect(listed.stdout).toContain('error: OFFLINE: Cannot reach Yampi.');
    const stores = JSON.parse((await cli(['stores', 'list', '--json'])).stdout) as {
      id: string;
      orderCount: number;
      lastError: unknown;
    }[];
    const synced = stores.find((s) => s.orderCount === 400)!;
    expect(synced.lastError).toEqual({ code: 'AUTH_INVALID' });
    const missing = await cli(['order', '999999999', '--store', synced.id]);
    expect(missing.stderr).toBe("balcao: NOT_FOUND: Order 999999999 is not in this store's cache.\n");
  });

  it.runIf(inTestKeyring)(
    'adds a store to the keychain, syncs it by id, tests and removes it',
    async () => {
      // A folder of its own: the script store above has the same alias and URL, which `stores add` refuses as a duplicate.
      const own = join(dataDir, 'keychain');
      const cli2 = (args: string[], env: Record<string, string | undefined> = {}): Promise<CliResult> =>
        cli(args, env, own);
      const added = await cli2(
        ['stores', 'add', '--alias', 'demo', '--name', 'Loja CLI', '--base-url', fake.apiBaseUrl, '--json'],
        ENV,
      );
      expect(added.code, added.stderr).toBe(0);
      const store = JSON.parse(added.stdout) as { id: string; name: string; hasCredentials: boolean };
      expect(store).toMatchObject({ name: 'Loja CLI', hasCredentials: true });
      const synced = await cli2(['sync', '--store', store.id, '--json']);
      expect(synced.code, synced.stderr).toBe(0);
      expect((await cli2(['stores', 'test', store.id])).code).toBe(0);
      expect((await cli2(['stores', 'remove', store.id])).code).toBe(2);
      expect((await cli2(['stores', 'remove', store.id, '--yes'])).code).toBe(0);
      const left = JSON.parse((await cli2(['stores', 'list', '--json'])).stdout) as { id: string }[];
      expect(left.some((s) => s.id === store.id)).toBe(false);
    },
    60_000,
  );

  it('erases a store a script synced even where there is no keychain', async () => {
    const own = join(dataDir, 'no-keychain');
    const noKeychain = { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/balcao-bus', DISPLAY: '' };
    const synced = await cli(
      ['sync', '--base-url', fake.apiBaseUrl, '--alias', 'demo', '--json'],
      { ...ENV, ...noKeychain },
      own,
    );
    expect(synced.code, synced.stderr).toBe(0);
    const [store] = JSON.parse((await cli(['stores', 'list', '--json'], noKeychain, own)).stdout) as {
      id: string;
      orderCount: number;
    }[];
    expect(store.orderCount).toBe(400);
    const removed = await cli(['stores', 'remove', store.id, '--yes'], noKeychain, own);
    expect(removed.code, removed.stderr).toBe(0);
    expect(JSON.parse((await cli(['stores', 'list', '--json'], noKeychain, own)).stdout)).toEqual([]);
    const db = new Database(join(own, 'balcao.db'), { readonly: true });
    try {
      expect(db.prepare('SELECT (SELECT count(*) FROM orders) + (SELECT count(*) FROM customers) AS n').get()).toEqual({
        n: 0,
      });
    } finally {
      db.close();
    }
  }, 60_000);

  it('never writes the token or the secret to the data folder or to its output', () => {
    expect(outputs.length).toBeGreaterThan(10);
    expect(filesContaining(dataDir, [CREDENTIALS.token, CREDENTIALS.secret])).toEqual([]);
    for (const o of outputs) expect(o.stdout + o.stderr).not.toMatch(/CLITEST/);
  });
});
