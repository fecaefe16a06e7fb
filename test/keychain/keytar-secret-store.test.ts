import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createKeytarSecretStore } from '../../src/main/core/secrets/keytar-secret-store';
import { AppError } from '../../src/main/core/base/app-error';
import type { ErrorInfo } from '../../src/shared/errors';
import { errorMessage } from '../../src/shared/i18n/error-message';
import type * as KeytarModule from '@github/keytar';

// A real Secret Service: `npm test` runs inside dbus-run-session with an unlocked
// throw-away gnome-keyring (scripts/with-keyring.mjs sets BALCAO_TEST_KEYRING=1).
const inTestKeyring = process.env['BALCAO_TEST_KEYRING'] === '1';
const service = `br.com.balcao.test-${randomUUID()}`;

describe.skipIf(!inTestKeyring)('keytar secret store against a real keyring', () => {
  const store = createKeytarSecretStore({ service });

  afterAll(async () => {
    for (const id of await store.list()) await store.delete(id);
  });

  it('round-trips credentials, lists and deletes them', async () => {
    expect(await store.get('store-1')).toBeNull();
    await store.set('store-1', { token: 'tok-ÁÉ-1', secret: 'sec:"quoted"' });
    await store.set('store-2', { token: 'tok-2', secret: 'sec-2' });
    expect(await store.get('store-1')).toEqual({ token: 'tok-ÁÉ-1', secret: 'sec:"quoted"' });
    expect((await store.list()).sort()).toEqual(['store-1', 'store-2']);
    expect(await store.delete('store-1')).toBe(true);
    expect(await store.delete('store-1')).toBe(false);
    expect(await store.get('store-1')).toBeNull();
    expect(await store.list()).toEqual(['store-2']);
  });

  it('is found again by a new process (a restart)', async () => {
    await store.set('store-restart', { token: 'restart-token', secret: 'restart-secret' });
    const script = `
      import { createKeytarSecretStore } from './src/main/core/secrets/keytar-secret-store.ts';
      const store = createKeytarSecretStore({ service: ${JSON.stringify(service)} });
      console.log(JSON.stringify(await store.get('store-restart')));
    `;
    const output = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
    });
    expect(JSON.parse(output.trim())).toEqual({ token: 'restart-token', secret: 'restart-secret' });
  });
});

describe('keytar secret store without a keychain', () => {
  it('reports KEYCHAIN_UNAVAILABLE with what to install, when no Secret Service answers', () => {
    const script = `
      import { createKeytarSecretStore } from './src/main/core/secrets/keytar-secret-store.ts';
      const store = createKeytarSecretStore({ service: 'br.com.balcao.test-none', timeoutMs: 5000 });
      try { await store.set('x', { token: 'never-saved-token', secret: 'never-saved-secret' }); console.log('SAVED'); }
      catch (error) { console.log(JSON.stringify(error.toInfo())); }
    `;
    const env = { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/balcao-bus', DISPLAY: '' };
    const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
      env,
    });
    const outcome = JSON.parse(result.stdout.trim()) as ErrorInfo;
    expect(outcome).toEqual({ code: 'KEYCHAIN_UNAVAILABLE', params: { reason: 'linux' } });
    expect(errorMessage('pt-BR', outcome)).toMatch(/gnome-keyring/i);
    expect(result.stdout + result.stderr).not.toContain('never-saved');
  });

  it('reports KEYCHAIN_UNAVAILABLE when keytar itself cannot load', async () => {
    const store = createKeytarSecretStore({
      service,
      loadKeytar: () => {
        throw new Error('libsecret-1.so.0: cannot open shared object file');
      },
    });
    const failure = await store.get('x').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AppError);
    expect((failure as AppError).code).toBe('KEYCHAIN_UNAVAILABLE');
    expect((failure as AppError).message).not.toContain('libsecret-1.so.0');
  });

  it('gives up with KEYCHAIN_UNAVAILABLE when the keychain never answers (a locked prompt)', async () => {
    const hanging = new Promise<never>(() => {});
    const store = createKeytarSecretStore({
      service,
      timeoutMs: 100,
      loadKeytar: () => ({ getPassword: () => hanging }) as unknown as typeof KeytarModule,
    });
    await expect(store.get('x')).rejects.toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE' });
  });
});
