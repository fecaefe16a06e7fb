import { createRequire } from 'node:module';
import { AppError } from '../base/app-error';
import { parseCredentials, type SecretStore, type StoreCredentials } from './secret-store';

import type * as KeytarModule from '@github/keytar';

type Keytar = typeof KeytarModule;

/** The keychain service name: the app id, so entries are easy to find and to audit. */
export const KEYCHAIN_SERVICE = 'br.com.balcao.app';

/** A keychain that asks the person to unlock it can block forever: give up and say so. */
const DEFAULT_TIMEOUT_MS = 20_000;

/** The platform picks the message (what to install or unlock), in the person's language at the edge. */
function unavailable(platform: NodeJS.Platform, cause?: unknown): AppError {
  const reason = platform === 'darwin' || platform === 'win32' ? platform : 'linux';
  return new AppError('KEYCHAIN_UNAVAILABLE', `keychain unavailable (${reason})`, { params: { reason }, cause });
}

export interface KeytarSecretStoreOptions {
  /** Tests use their own service name so they never touch the app's entries. */
  service?: string;
  timeoutMs?: number;
  /** For tests: load keytar from elsewhere, or simulate a failure to load. */
  loadKeytar?: () => Keytar;
}

function defaultLoadKeytar(): Keytar {
  // keytar is a native module; loading it lazily lets the app start (and show
  // a clear message) on a machine where libsecret is missing.
  return createRequire(import.meta.url)('@github/keytar') as Keytar;
}

/** Credentials in the OS keychain: one entry per store, account = store id. */
export function createKeytarSecretStore(options: KeytarSecretStoreOptions = {}): SecretStore {
  const service = options.service ?? KEYCHAIN_SERVICE;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let keytar: Keytar | null = null;

  function load(): Keytar {
    if (keytar) return keytar;
    try {
      keytar = (options.loadKeytar ?? defaultLoadKeytar)();
      return keytar;
    } catch (cause) {
      throw unavailable(process.platform, cause);
    }
  }

  async function guarded<T>(operation: (k: Keytar) => Promise<T>): Promise<T> {
    const k = load();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(unavailable(process.platform)), timeoutMs);
    });
    try {
      return await Promise.race([operation(k), timeout]);
    } catch (error) {
      if (error instanceof AppError) throw error;
      // keytar's own messages name D-Bus internals; the cause keeps them for the log.
      throw unavailable(process.platform, error);
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    get: (storeId) => guarded(async (k) => parseCredentials(await k.getPassword(service, storeId))),
    set: (storeId, credentials: StoreCredentials) =>
      guarded((k) =>
        k.setPassword(service, storeId, JSON.stringify({ token: credentials.token, secret: credentials.secret })),
      ),
    delete: (storeId) => guarded((k) => k.deletePassword(service, storeId)),
    list: () => guarded(async (k) => (await k.findCredentials(service)).map((entry) => entry.account)),
  };
}
