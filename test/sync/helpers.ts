import { startFakeStore, type FakeStore, type FakeStoreOptions } from '../../src/main/core/fake-store';
import type { StoreRecord } from '../../src/main/core/db/stores-repo';
import { createTestCore, type TestCore } from '../helpers/core';

/** The store's history ends now, as a live store's does: the sync's day windows are then realistic. */
export const END_AT = Math.floor(Date.now() / 1000) * 1000 - 3_600_000;

export interface SyncFixture {
  fake: FakeStore;
  core: TestCore;
  store: StoreRecord;
  credentials: { token: string; secret: string };
  dispose(): Promise<void>;
}

/** A fake store over HTTP and a real core on a temp folder; the store row made as the CLI's script sync makes it. */
export async function syncFixture(options: FakeStoreOptions = {}): Promise<SyncFixture> {
  const fake = await startFakeStore({
    seed: 11,
    orders: 700,
    customers: 250,
    endAt: END_AT,
    token: 'tok-SYNCTEST-7f3a9c1e5b',
    secret: 'sec-SYNCTEST-2d8e4f6a0c',
    rateLimit: { timeScale: 60 },
    ...options,
  });
  // The client limiter multiplies its window (1/60: a "minute" of one second), matching the store's time scale.
  const core = createTestCore({ rateLimit: { timeScale: 60 }, apiTimeoutMs: 5_000 });
  const store = core.stores.ensureScriptStore(fake.alias, fake.apiBaseUrl);
  return {
    fake,
    core,
    store,
    credentials: fake.credentials,
    async dispose() {
      await core.dispose();
      await fake.close();
    },
  };
}
