import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createServer } from 'node:net';
import { startFakeStore, type FakeStore } from '../../src/main/core/fake-store';
import { createKeytarSecretStore } from '../../src/main/core/secrets/keytar-secret-store';
import { dispatchTyped } from '../../src/main/core/ipc/dispatcher';
import type { StoreSummary } from '../../src/shared/domain/app';
import { createTestCore, type TestCore } from '../helpers/core';
import { errorMessage } from '../../src/shared/i18n/error-message';
import { allStoreRows } from '../helpers/db-scan';

const inTestKeyring = process.env['BALCAO_TEST_KEYRING'] === '1';

/** A port nothing listens on: "the network is gone". */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe.skipIf(!inTestKeyring)('stores and credentials (real keyring, fake store over HTTP, SQLite file)', () => {
  let fake: FakeStore;
  let core: TestCore;

  beforeAll(async () => {
    fake = await startFakeStore({
      seed: 7,
      orders: 50,
      customers: 20,
      alias: 'lojadajoana',
      token: 'tok-joana-0123456789',
      secret: 'sec-joana-9876543210',
    });
    core = createTestCore({ apiBaseUrl: fake.apiBaseUrl });
  });

  afterAll(async () => {
    await core?.dispose();
    await fake?.close();
  });

  const call = dispatchTyped;

  it('adds a store only after its credentials work, and lists it without secrets', async () => {
    const added = await call(core.dispatch, 'stores.add', {
      alias: 'lojadajoana',
      token: fake.credentials.token,
      secret: fake.credentials.secret,
      name: 'Loja da Joana',
    });
    expect(added).toMatchObject({
      ok: true,
      value: { alias: 'lojadajoana', name: 'Loja da Joana', credentialsOk: true, hasCredentials: true },
    });
    const list = await call(core.dispatch, 'stores.list');
    expect(list.ok && list.value.map((s) => s.alias)).toEqual(['lojadajoana']);
    expect(JSON.stringify(list)).not.toContain(fake.credentials.token);
    expect(JSON.stringify(list)).not.toContain(fake.credentials.secret);
    const id = (added as { value: StoreSummary }).value.id;
    expect(await core.secrets.get(id)).toEqual(fake.credentials);
  });

  it('refuses a second store with the same alias', async () => {
    const again = await call(core.dispatch, 'stores.add', {
      alias: 'lojadajoana',
      token: fake.credentials.token,
      secret: fake.credentials.secret,
    });
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('never saves wrong credentials, a wrong alias or an inactive store, each with its own code', async () => {
    const before = (await core.secrets.list()).length;
    const wrong = await call(core.dispatch, 'stores.add', {
      alias: 'lojadajoana-2',
      token: 'wrong-token-123',
      secret: 'wrong-secret-456',
    });
    expect(wrong).toMatchObject({
      ok: false,
      error: { code: expect.stringMatching(/^(AUTH_INVALID|STORE_NOT_FOUND)$/) },
    });

    const badCredentials = await call(core.dispatch, 'stores.update', {
      id: (await core.stores.list())[0].id,
      token: 'wrong-token-123',
      secret: 'wrong-secret-456',
    });
    expect(badCredentials).toMatchObject({ ok: false, error: { code: 'AUTH_INVALID' } });
    // The old, working credentials are kept.
    expect(await core.secrets.get((await core.stores.list())[0].id)).toEqual(fake.credentials);

    const unknownAlias = await call(core.dispatch, 'stores.add', {
      alias: 'nao-existe',
      token: fake.credentials.token,
      secret: fake.credentials.secret,
    });
    expect(unknownAlias).toMatchObject({ ok: false, error: { code: 'STORE_NOT_FOUND' } });

    fake.control.setActive(false);
    const inactive = await call(core.dispatch, 'stores.testConnection', { id: (await core.stores.list())[0].id });
    fake.control.setActive(true);
    expect(inactive).toMatchObject({ ok: false, error: { code: 'STORE_INACTIVE' } });

    expect((await core.secrets.list()).length).toBe(before);
    expect((await core.stores.list()).map((s) => s.alias)).toEqual(['lojadajoana']);
  });

  it('reports OFFLINE when the API cannot be reached, saving nothing', async () => {
    const offline = createTestCore({ apiBaseUrl: `http://127.0.0.1:${await closedPort()}/v2` });
    try {
      const result = await call(offline.dispatch, 'stores.add', {
        alias: 'lojadajoana',
        token: fake.credentials.token,
        secret: fake.credentials.secret,
      });
      expect(result).toMatchObject({ ok: false, error: { code: 'OFFLINE' } });
      expect(await offline.stores.list()).toEqual([]);
      expect(await offline.secrets.list()).toEqual([]);
    } finally {
      await offline.dispose();
    }
  });

  it('renames, and replaces credentials after verifying them', async () => {
    const [store] = await core.stores.list();
    const renamed = await call(core.dispatch, 'stores.update', { id: store.id, name: 'Joana Acessórios' });
    expect(renamed).toMatchObject({ ok: true, value: { name: 'Joana Acessórios' } });
    const replaced = await call(core.dispatch, 'stores.update', {
      id: store.id,
      token: fake.credentials.token,
      secret: fake.credentials.secret,
    });
    expect(replaced).toMatchObject({ ok: true, value: { credentialsOk: true } });
  });

  it('finds the stores and their credentials again from a new process over the same data folder', async () => {
    const script = `
      import { createCore } from './src/main/core/composition.ts';
      import { createKeytarSecretStore } from './src/main/core/secrets/keytar-secret-store.ts';
      import { inProcessClient } from './src/main/core/ipc/in-process-client.ts';
      const core = createCore({ appName: 'Balcão', version: 't', shell: 'cli', dataDir: ${JSON.stringify(core.dataDir)},
        apiBaseUrl: ${JSON.stringify(fake.apiBaseUrl)}, secrets: createKeytarSecretStore({ service: ${JSON.stringify(core.keychainService)} }) });
      const api = inProcessClient(core);
      const [store] = await api.call('stores.list');
      const tested = await api.call('stores.testConnection', { id: store.id });
      console.log(JSON.stringify({ alias: tested.alias, ok: tested.credentialsOk }));
      await core.close();
    `;
    // Asynchronously: the fake store in this process must keep answering meanwhile.
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      { encoding: 'utf8' },
    );
    expect(JSON.parse(stdout.trim().split('\n').pop()!)).toEqual({ alias: 'lojadajoana', ok: true });
  });

  it('removes a store: no row of it in any table and no keychain entry', async () => {
    const [store] = await core.stores.list();
    await core.db
      .prepare(
        "INSERT INTO review_state (store_id, order_id, reviewed, flagged, note, updated_at) VALUES (?, 1, 1, 0, 'ok', '2026-01-01T00:00:00.000Z')",
      )
      .run(store.id);
    expect(allStoreRows(core.db, store.id).length).toBeGreaterThan(0);
    const removed = await call(core.dispatch, 'stores.remove', { id: store.id });
    expect(removed).toEqual({ ok: true, value: null });
    expect(allStoreRows(core.db, store.id)).toEqual([]);
    expect(await core.secrets.get(store.id)).toBeNull();
    expect(await call(core.dispatch, 'stores.list')).toEqual({ ok: true, value: [] });
  });

  it('says KEYCHAIN_UNAVAILABLE and saves nothing when the keychain cannot be used', async () => {
    const broken = createKeytarSecretStore({
      loadKeytar: () => {
        throw new Error('no libsecret');
      },
    });
    const noKeychain = createTestCore({ apiBaseUrl: fake.apiBaseUrl, secrets: broken });
    try {
      const result = await call(noKeychain.dispatch, 'stores.add', {
        alias: 'lojadajoana',
        token: fake.credentials.token,
        secret: fake.credentials.secret,
      });
      expect(result).toMatchObject({
        ok: false,
        error: { code: 'KEYCHAIN_UNAVAILABLE', params: { reason: 'linux' } },
      });
      // What to install, in the person's language.
      if (!result.ok) expect(errorMessage('en', result.error)).toMatch(/gnome-keyring and libsecret-1-0/);
      expect(noKeychain.db.prepare('SELECT COUNT(*) AS n FROM stores').get()).toEqual({ n: 0 });
    } finally {
      await noKeychain.dispose();
    }
  });

  it('adds the demo store once, with derived credentials that never reach the keychain', async () => {
    const demo = await call(core.dispatch, 'stores.addDemo');
    expect(demo).toMatchObject({ ok: true, value: { isDemo: true, alias: 'demo', credentialsOk: true } });
    const again = await call(core.dispatch, 'stores.addDemo');
    expect(again.ok && again.value.id).toBe(demo.ok && demo.value.id);
    expect(await core.secrets.get((demo as { value: StoreSummary }).value.id)).toBeNull();
  });

  it('opens, syncs and erases the demo store with no keychain, while a real store is still refused there', async () => {
    const noKeychain = createTestCore({
      apiBaseUrl: fake.apiBaseUrl,
      secrets: createKeytarSecretStore({
        loadKeytar: () => {
          throw new Error('no libsecret');
        },
      }),
    });
    try {
      const demo = await call(noKeychain.dispatch, 'stores.addDemo');
      expect(demo).toMatchObject({ ok: true, value: { isDemo: true, hasCredentials: true } });
      const id = (demo as { value: StoreSummary }).value.id;
      expect(await noKeychain.sync.run(id)).toMatchObject({ ok: true, error: null });
      expect((await noKeychain.stores.summary(id)).orderCount).toBeGreaterThan(0);
      const real = await call(noKeychain.dispatch, 'stores.add', {
        alias: 'lojadajoana',
        token: fake.credentials.token,
        secret: fake.credentials.secret,
      });
      expect(real).toMatchObject({ ok: false, error: { code: 'KEYCHAIN_UNAVAILABLE' } });
      expect(await call(noKeychain.dispatch, 'stores.remove', { id })).toMatchObject({ ok: true });
      expect(noKeychain.db.prepare('SELECT COUNT(*) AS n FROM stores').get()).toEqual({ n: 0 });
    } finally {
      await noKeychain.dispose();
    }
  });
});
