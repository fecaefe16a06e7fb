import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src/main/core/base/app-error';
import { listStores } from '../../src/main/core/db/stores-repo';
import { dispatchTyped } from '../../src/main/core/ipc/dispatcher';
import { startFakeStore, type FakeStore } from '../../src/main/core/fake-store';
import { createMemorySecretStore } from '../../src/main/core/secrets/memory-secret-store';
import { createTestCore, type TestCore } from '../helpers/core';

const CREDENTIALS = { token: 'tok-races-0123456789', secret: 'sec-races-9876543210' };

let fake: FakeStore | null = null;
let core: TestCore | null = null;
afterEach(async () => {
  await core?.dispose();
  await fake?.close();
  core = fake = null;
});

/** A store whose every answer takes 300 ms: each credential check leaves room for a second click. */
async function slowStore(): Promise<{ core: TestCore; secrets: ReturnType<typeof createMemorySecretStore> }> {
  fake = await startFakeStore({
    alias: 'loja',
    orders: 20,
    customers: 5,
    ...CREDENTIALS,
    faults: { probability: { latency: 1 }, latencyMs: 300 },
  });
  const secrets = createMemorySecretStore();
  core = createTestCore({ apiBaseUrl: fake.apiBaseUrl, secrets, demo: { orders: 20, customers: 5 } });
  return { core, secrets };
}

describe('stores changed twice at once', () => {
  it('adds one store when the same alias is submitted twice', async () => {
    const { core } = await slowStore();
    const results = await Promise.all([
      core.dispatch('stores.add', { alias: 'loja', ...CREDENTIALS }),
      core.dispatch('stores.add', { alias: 'loja', ...CREDENTIALS }),
    ]);
    expect(results.map((r) => (r.ok ? 'ok' : r.error.code)).sort()).toEqual(['CONFLICT', 'ok']);
    expect(listStores(core.db).filter((s) => s.alias === 'loja')).toHaveLength(1);
  });

  it('leaves no credentials in the keychain when a store is removed while new ones are being checked', async () => {
    const { core, secrets } = await slowStore();
    const added = await dispatchTyped(core.dispatch, 'stores.add', { alias: 'loja', ...CREDENTIALS });
    if (!added.ok) throw new Error(added.error.code);
    const id = added.value.id;
    const update = core.dispatch('stores.update', { id, ...CREDENTIALS });
    const removal = await core.dispatch('stores.remove', { id });
    expect(removal.ok).toBe(true);
    expect((await update).ok).toBe(true);
    expect(listStores(core.db).some((s) => s.id === id)).toBe(false);
    expect(secrets.entries.has(id)).toBe(false);
  });

  it('opens one demo store when it is asked for twice', async () => {
    const { core } = await slowStore();
    const results = await Promise.all([
      core.dispatch('stores.addDemo', undefined),
      core.dispatch('stores.addDemo', undefined),
    ]);
    expect(results.map((r) => r.ok)).toEqual([true, true]);
    expect(listStores(core.db).filter((s) => s.isDemo)).toHaveLength(1);
  });
});

describe('removing a store when the keychain cannot be reached', () => {
  it('stops before erasing anything for a store whose credentials are in the keychain', async () => {
    const { core, secrets } = await slowStore();
    const added = await dispatchTyped(core.dispatch, 'stores.add', { alias: 'loja', ...CREDENTIALS });
    if (!added.ok) throw new Error(added.error.code);
    secrets.delete = () => Promise.reject(new AppError('KEYCHAIN_UNAVAILABLE', 'Chaveiro bloqueado.'));
    expect(await core.dispatch('stores.remove', { id: added.value.id })).toMatchObject({
      ok: false,
      error: { code: 'KEYCHAIN_UNAVAILABLE' },
    });
    expect(listStores(core.db).some((s) => s.id === added.value.id)).toBe(true);
  });

  it('erases a store a script made, which never had an entry', async () => {
    const { core, secrets } = await slowStore();
    const store = core.stores.ensureScriptStore('loja', fake!.apiBaseUrl);
    secrets.delete = () => Promise.reject(new AppError('KEYCHAIN_UNAVAILABLE', 'Chaveiro bloqueado.'));
    expect(await core.dispatch('stores.remove', { id: store.id })).toEqual({ ok: true, value: null });
    expect(listStores(core.db)).toEqual([]);
  });
});
