import type { StoreSummary } from '../../../shared/domain/app';
import { AppError } from '../base/app-error';
import type { Db } from '../db/open';
import { eraseStore } from '../db/erase';
import { addStore, getStore, listStores, updateStore, type StoreRecord } from '../db/stores-repo';
import { countStoreRecords } from '../db/store-counts';
import { countUnreadable } from '../db/unreadable-repo';
import type { EventBus } from '../events/event-bus';
import type { Logger } from '../log/logger';
import type { Redactor } from '../log/redactor';
import type { SecretStore, StoreCredentials } from '../secrets/secret-store';
import { DEMO_ALIAS, demoCredentials, demoEndAt, demoLocator, type DemoStoreHost } from './demo-store';
import { decodeLastError, encodeLastError } from './last-error';
import type { StoreApiFactory } from './store-api-factory';
import { newStoreId } from './store-id';

export const DEFAULT_STORE_ZONE = 'America/Sao_Paulo';

export interface StoresServiceDeps {
  db: Db;
  secrets: SecretStore;
  events: EventBus;
  apiFactory: StoreApiFactory;
  demo: DemoStoreHost;
  redactor: Redactor;
  log: Logger;
  /** The real platform by default; tests and the CLI's --base-url point elsewhere. */
  defaultApiBaseUrl: string;
  now?: () => Date;
}

export interface AddStoreInput {
  alias: string;
  token: string;
  secret: string;
  name?: string;
  apiBaseUrl?: string;
}

export interface UpdateStoreInput {
  id: string;
  name?: string;
  token?: string;
  secret?: string;
}

/**
 * Stores and their credentials: the keychain holds the secrets, the database everything else. The demo store's
 * credentials are derived from its id (demo-store.ts), so it needs no keychain.
 */
export class StoresService {
  readonly #deps: StoresServiceDeps;
  readonly #now: () => Date;
  /**
   * Adding, editing and removing stores run one at a time: an edit's credential check takes seconds, and a removal
   * finishing meanwhile had its keychain entry written back by the edit; two adds of one alias both passed the
   * duplicate check.
   */
  #mutations: Promise<unknown> = Promise.resolve();
  /** A script's credentials (from its environment), by store id: memory only, never the keychain or a file. */
  readonly #scriptCredentials = new Map<string, StoreCredentials>();

  constructor(deps: StoresServiceDeps) {
    this.#deps = deps;
    this.#now = deps.now ?? (() => new Date());
  }

  async list(): Promise<StoreSummary[]> {
    const records = listStores(this.#deps.db);
    // A keychain that cannot be read leaves "has credentials" unknown, not false.
    const present = await this.#deps.secrets.list().catch(() => null);
    return records.map((record) =>
      this.#summary(record, record.isDemo ? true : present ? present.includes(record.id) : null),
    );
  }

  async get(id: string): Promise<StoreRecord> {
    const record = getStore(this.#deps.db, id);
    if (!record) throw new AppError('NOT_FOUND', 'no such store', { params: { reason: 'store' } });
    return record;
  }

  async summary(id: string): Promise<StoreSummary> {
    const record = await this.get(id);
    if (record.isDemo) return this.#summary(record, true);
    const credentials = await this.#deps.secrets.get(id).catch(() => undefined);
    return this.#summary(record, credentials === undefined ? null : credentials !== null);
  }

  /** The credentials the sync uses: a script's own, the demo's derived, else the keychain's; registered for redaction. */
  async credentials(id: string): Promise<StoreCredentials> {
    const record = await this.get(id);
    const credentials =
      this.#scriptCredentials.get(id) ?? (record.isDemo ? demoCredentials(id) : await this.#deps.secrets.get(id));
    if (!credentials)
      throw new AppError('AUTH_INVALID', 'no credentials in the keychain', { params: { reason: 'noCredentials' } });
    this.#deps.redactor.add(credentials.token, credentials.secret);
    return credentials;
  }

  /** Where this store's API answers: the demo store's port changes every run. */
  async apiBaseUrl(record: StoreRecord, credentials: StoreCredentials): Promise<string> {
    return record.isDemo ? this.#deps.demo.apiBaseUrl(credentials, demoEndAt(record.apiBaseUrl)) : record.apiBaseUrl;
  }

  add(input: AddStoreInput): Promise<StoreSummary> {
    return this.#oneAtATime(() => this.#add(input));
  }

  addDemo(): Promise<StoreSummary> {
    return this.#oneAtATime(() => this.#addDemo());
  }

  update(input: UpdateStoreInput): Promise<StoreSummary> {
    return this.#oneAtATime(() => this.#update(input));
  }

  /**
   * LGPD erasure: the keychain entry first (so a locked keychain stops the
   * removal before anything is gone and the person can retry), then every
   * cached row in one transaction.
   */
  remove(id: string): Promise<void> {
    return this.#oneAtATime(() => this.#remove(id));
  }

  async #add(input: AddStoreInput): Promise<StoreSummary> {
    const alias = input.alias.trim().toLowerCase();
    const apiBaseUrl = input.apiBaseUrl ?? this.#deps.defaultApiBaseUrl;
    const credentials = { token: input.token.trim(), secret: input.secret.trim() };
    this.#deps.redactor.add(credentials.token, credentials.secret);
    if (
      listStores(this.#deps.db).some(
        (store) => store.alias === alias && store.apiBaseUrl === apiBaseUrl && !store.isDemo,
      )
    ) {
      throw new AppError('CONFLICT', 'store already added', { params: { reason: 'alias', alias } });
    }
    // Nothing is saved until one API call has shown that alias and credentials work.
    await this.#verify({ alias, apiBaseUrl }, credentials);
    return this.#save(
      this.#newId(),
      { alias, apiBaseUrl, name: input.name?.trim() || alias, isDemo: false },
      credentials,
    );
  }

  async #addDemo(): Promise<StoreSummary> {
    const existing = listStores(this.#deps.db).find((store) => store.isDemo);
    if (existing) return this.summary(existing.id);
    const id = this.#newId();
    const credentials = demoCredentials(id);
    const endAt = this.#now().getTime();
    const apiBaseUrl = await this.#deps.demo.apiBaseUrl(credentials, endAt);
    await this.#verify({ alias: DEMO_ALIAS, apiBaseUrl }, credentials);
    return this.#save(
      id,
      { alias: DEMO_ALIAS, apiBaseUrl: demoLocator(endAt), name: 'Loja de demonstração', isDemo: true },
      credentials,
    );
  }

  async #update(input: UpdateStoreInput): Promise<StoreSummary> {
    const record = await this.get(input.id);
    if ((input.token === undefined) !== (input.secret === undefined)) {
      throw new AppError('INVALID_INPUT', 'token without secret or the reverse', {
        params: { reason: 'credentialsPair' },
      });
    }
    if (input.token !== undefined && input.secret !== undefined) {
      if (record.isDemo)
        throw new AppError('INVALID_INPUT', 'demo credentials are fixed', { params: { reason: 'demoCredentials' } });
      const credentials = { token: input.token.trim(), secret: input.secret.trim() };
      this.#deps.redactor.add(credentials.token, credentials.secret);
      await this.#verify(record, credentials);
      await this.#deps.secrets.set(record.id, credentials);
      updateStore(this.#deps.db, record.id, { credentialsOk: true, lastError: null, keychainEntry: true });
    }
    const name = input.name?.trim();
    if (name) updateStore(this.#deps.db, record.id, { name });
    this.#changed();
    return this.summary(record.id);
  }

  async #remove(id: string): Promise<void> {
    const record = await this.get(id);
    // A store a script made, and the demo, hold nothing secret in the keychain: their erasure must not depend on a
    // keychain being there (a demo added by an older version may still have an entry, removed when reachable).
    await this.#deps.secrets.delete(record.id).catch((error: unknown) => {
      if (record.keychainEntry && !record.isDemo) throw error;
      return false;
    });
    await eraseStore(this.#deps.db, record.id, (progress) =>
      this.#deps.events.emit('stores.removal', { storeId: record.id, ...progress }),
    );
    this.#deps.log.info('store removed', { storeId: record.id });
    this.#changed();
  }

  async testConnection(id: string): Promise<StoreSummary> {
    const record = await this.get(id);
    const credentials = await this.credentials(id);
    try {
      await this.#verify({ alias: record.alias, apiBaseUrl: await this.apiBaseUrl(record, credentials) }, credentials);
      updateStore(this.#deps.db, id, { credentialsOk: true, lastError: null });
    } catch (error) {
      this.recordFailure(id, error);
      throw error;
    } finally {
      this.#changed();
    }
    return this.summary(id);
  }

  /**
   * The store row a script's sync keys its data by (the CLI's `sync --base-url --alias`, whose credentials come
   * from the environment): found by alias and base URL, or created without credentials, which stay in the
   * script's memory and are never written to the keychain or the database.
   */
  ensureScriptStore(alias: string, apiBaseUrl: string): StoreRecord {
    const wanted = alias.trim().toLowerCase();
    const existing = listStores(this.#deps.db).find(
      (store) => store.alias === wanted && store.apiBaseUrl === apiBaseUrl && !store.isDemo,
    );
    if (existing) return existing;
    const record = addStore(this.#deps.db, {
      id: this.#newId(),
      alias: wanted,
      name: wanted,
      apiBaseUrl,
      timeZone: DEFAULT_STORE_ZONE,
      isDemo: false,
      createdAt: this.#now().toISOString(),
      keychainEntry: false,
    });
    this.#changed();
    return record;
  }

  /** Credentials a script brought for one store row (see Core.useScriptCredentials); returns the row's id. */
  useScriptCredentials(target: { alias: string; apiBaseUrl: string }, credentials: StoreCredentials): string {
    const clean = { token: credentials.token.trim(), secret: credentials.secret.trim() };
    this.#deps.redactor.add(clean.token, clean.secret);
    const store = this.ensureScriptStore(target.alias, target.apiBaseUrl);
    this.#scriptCredentials.set(store.id, clean);
    return store.id;
  }

  /** Keeps what the last call said about the credentials, for the store list. */
  recordFailure(id: string, error: unknown): void {
    if (!(error instanceof AppError)) return;
    updateStore(this.#deps.db, id, {
      lastError: encodeLastError(error.toInfo()),
      ...(error.code === 'AUTH_INVALID' ? { credentialsOk: false } : {}),
    });
  }

  recordSync(id: string, finishedAt: string): void {
    updateStore(this.#deps.db, id, { lastSyncAt: finishedAt, credentialsOk: true, lastError: null });
  }

  /** Tells every window; called after any change to the list or a store's counts. */
  async announce(): Promise<void> {
    this.#deps.events.emit('stores.changed', await this.list());
  }

  async #verify(target: { alias: string; apiBaseUrl: string }, credentials: StoreCredentials): Promise<void> {
    // The client tells a wrong alias (STORE_NOT_FOUND) from wrong credentials (AUTH_INVALID) where the API does.
    await this.#deps.apiFactory(target, credentials).verify();
  }

  async #save(
    id: string,
    store: { alias: string; apiBaseUrl: string; name: string; isDemo: boolean },
    credentials: StoreCredentials,
  ): Promise<StoreSummary> {
    // The keychain first: if it is unavailable, nothing is saved and nothing is half-saved. The demo's credentials
    // are derived from its id and never stored.
    if (!store.isDemo) await this.#deps.secrets.set(id, credentials);
    try {
      addStore(this.#deps.db, {
        id,
        alias: store.alias,
        name: store.name,
        apiBaseUrl: store.apiBaseUrl,
        timeZone: DEFAULT_STORE_ZONE,
        isDemo: store.isDemo,
        createdAt: this.#now().toISOString(),
        keychainEntry: !store.isDemo,
      });
      updateStore(this.#deps.db, id, { credentialsOk: true });
    } catch (error) {
      if (!store.isDemo) await this.#deps.secrets.delete(id).catch(() => false);
      throw error;
    }
    this.#changed();
    return this.summary(id);
  }

  #oneAtATime<T>(operation: () => Promise<T>): Promise<T> {
    const result = this.#mutations.then(operation, operation);
    this.#mutations = result.catch(() => undefined);
    return result;
  }

  #newId(): string {
    return newStoreId(new Set(listStores(this.#deps.db).map((store) => store.id)));
  }

  #changed(): void {
    void this.announce().catch((error: unknown) => this.#deps.log.warn('could not announce stores', { error }));
  }

  #summary(record: StoreRecord, hasCredentials: boolean | null): StoreSummary {
    const counts = countStoreRecords(this.#deps.db, record.id);
    const unreadable = countUnreadable(this.#deps.db, record.id);
    return {
      id: record.id,
      alias: record.alias,
      name: record.name,
      timeZone: record.timeZone,
      isDemo: record.isDemo,
      // Unknown (keychain unreachable) is shown as present: the next call will tell.
      hasCredentials: hasCredentials ?? true,
      credentialsOk: record.credentialsOk,
      lastSyncAt: record.lastSyncAt,
      lastError: decodeLastError(record.lastError),
      orderCount: counts.orders,
      customerCount: counts.customers,
      unreadable,
    };
  }
}
