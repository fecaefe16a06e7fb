import type * as Crypto from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemorySecretStore } from '../../src/main/core/secrets/memory-secret-store';
import { createTestCore, type TestCore } from '../helpers/core';

const drawn: number[] = [];
vi.mock('node:crypto', async (original) => {
  const crypto = await original<typeof Crypto>();
  const randomInt = (max: number) => (drawn.length > 0 ? (drawn.shift() as number) : crypto.randomInt(max));
  return { ...crypto, default: { ...crypto, randomInt }, randomInt };
});

const { newStoreId } = await import('../../src/main/core/stores/store-id');

let core: TestCore | null = null;
afterEach(async () => {
  await core?.dispose();
  core = null;
  drawn.length = 0;
});

describe('a new store id', () => {
  it('is six lowercase letters and digits', () => {
    const ids = Array.from({ length: 200 }, () => newStoreId(new Set()));
    for (const id of ids) expect(id).toMatch(/^[0-9a-z]{6}$/);
    expect(new Set(ids).size).toBe(200);
  });

  it('is never one already taken', () => {
    // The first draw spells "aaaaaa", which is taken; the second "bbbbbb".
    drawn.push(...Array<number>(6).fill(10), ...Array<number>(6).fill(11));
    expect(newStoreId(new Set(['aaaaaa']))).toBe('bbbbbb');
  });

  it('is what a store added through the core gets', () => {
    core = createTestCore({ secrets: createMemorySecretStore() });
    drawn.push(...Array<number>(6).fill(12));
    const first = core.stores.ensureScriptStore('loja', 'http://127.0.0.1:1');
    expect(first.id).toBe('cccccc');
    drawn.push(...Array<number>(6).fill(12), ...Array<number>(6).fill(13));
    expect(core.stores.ensureScriptStore('outra', 'http://127.0.0.1:1').id).toBe('dddddd');
  });
});
