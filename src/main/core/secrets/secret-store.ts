/** The pair that authenticates against one store's API. */
export interface StoreCredentials {
  token: string;
  secret: string;
}

/**
 * Where credentials live. The app's implementation is the OS keychain
 * (keytar-secret-store.ts); there is deliberately no file-backed one, so a
 * missing keychain is an error the person sees, never a silent plain-text
 * fallback.
 */
export interface SecretStore {
  get(storeId: string): Promise<StoreCredentials | null>;
  set(storeId: string, credentials: StoreCredentials): Promise<void>;
  /** True when an entry existed and was removed. */
  delete(storeId: string): Promise<boolean>;
  /** Store ids that have an entry: used to find orphans after a crash mid-removal. */
  list(): Promise<string[]>;
}

export function parseCredentials(text: string | null): StoreCredentials | null {
  if (!text) return null;
  try {
    const value = JSON.parse(text) as Partial<StoreCredentials>;
    return typeof value.token === 'string' && typeof value.secret === 'string'
      ? { token: value.token, secret: value.secret }
      : null;
  } catch {
    return null;
  }
}
