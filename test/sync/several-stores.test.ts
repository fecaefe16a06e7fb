import { afterEach, describe, expect, it } from 'vitest';
import { startFakeStore, type FakeStore } from '../../src/main/core/fake-store';
import { createTestCore, type TestCore } from '../helpers/core';
import { cacheDifferences } from './expect-cache';
import { END_AT } from './helpers';

let fakes: FakeStore[] = [];
let core: TestCore | null = null;
afterEach(async () => {
  await core?.dispose();
  for (const f of fakes) await f.close();
  fakes = [];
  core = null;
});

describe('several stores', () => {
  it('sync at the same time through one writer, each to exactly its own data', async () => {
    fakes = await Promise.all(
      [21, 22].map((seed) =>
        startFakeStore({
          seed,
          orders: 400,
          customers: 120,
          endAt: END_AT,
          alias: `loja${seed}`,
          rateLimit: { timeScale: 60 },
        }),
      ),
    );
    core = createTestCore({ rateLimit: { timeScale: 60 } });
    const c = core;
    const stores = fakes.map((f) => c.stores.ensureScriptStore(f.alias, f.apiBaseUrl));
    const outcomes = await Promise.all(
      stores.map((s, i) => c.sync.run(s.id, 'auto', { credentials: fakes[i].credentials })),
    );
    expect(outcomes.map((o) => o.ok)).toEqual([true, true]);
    expect(outcomes.map((o) => o.storeId)).toEqual(stores.map((s) => s.id));
    stores.forEach((s, i) => expect(cacheDifferences(c.db, s.id, fakes[i].model)).toEqual([]));
    expect(c.sync.isRunning(stores[0].id) || c.sync.isRunning(stores[1].id)).toBe(false);
  });
});
