import type { SecretStore, StoreCredentials } from './secret-store';

/** For unit tests only: the app never keeps credentials outside the OS keychain. */
export function createMemorySecretStore(): SecretStore & { entries: Map<string, StoreCredentials> } {
  const entries = new Map<string, StoreCredentials>();
  return {
    entries,
    get: async (storeId) => entries.get(storeId) ?? null,
    set: async (storeId, credentials) => {
      entries.set(storeId, { ...credentials });
    },
    delete: async (storeId) => entries.delete(storeId),
    list: async () => [...entries.keys()],
  };
}
