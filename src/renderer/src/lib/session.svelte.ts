import type { Connectivity, StoreSummary, SyncOutcome, SyncProgress } from '../../../shared/domain/app';
import { api } from './api';
import { errorText } from './display';

const CURRENT_STORE_KEY = 'balcao.currentStore';

/**
 * What the whole window shares: the stores, which one is open, whether the API
 * answers, and sync progress. Fed by contract events, so every view sees the
 * same state without polling.
 */
class Session {
  stores = $state<StoreSummary[] | null>(null);
  currentStoreId = $state<string | null>(localStorage.getItem(CURRENT_STORE_KEY));
  connectivity = $state<Connectivity>({ state: 'unknown', since: null });
  progress = $state<Record<string, SyncProgress>>({});
  lastOutcome = $state<Record<string, SyncOutcome>>({});
  /** Bumped when a sync writes data, so open lists reload. */
  dataVersion = $state(0);
  loadError = $state<string | null>(null);

  readonly currentStore = $derived(
    this.stores?.find((store) => store.id === this.currentStoreId) ?? this.stores?.[0] ?? null,
  );

  #started = false;

  start(): void {
    if (this.#started) return;
    this.#started = true;
    const client = api();
    client.on('stores.changed', (stores) => this.#setStores(stores));
    let announced = false;
    client.on('connectivity.changed', (value) => {
      announced = true;
      this.connectivity = value;
    });
    // Changes are announced once: a window opened or reloaded after the last one asks for the state.
    void client
      .call('connectivity.get')
      .then((value) => {
        if (!announced) this.connectivity = value;
      })
      .catch(() => undefined);
    client.on('sync.progress', (value) => {
      this.progress = { ...this.progress, [value.storeId]: value };
    });
    client.on('sync.finished', (outcome) => {
      const { [outcome.storeId]: _done, ...rest } = this.progress;
      this.progress = rest;
      this.lastOutcome = { ...this.lastOutcome, [outcome.storeId]: outcome };
      this.dataVersion++;
    });
    void this.refreshStores();
  }

  async refreshStores(): Promise<void> {
    try {
      this.#setStores(await api().call('stores.list'));
      this.loadError = null;
    } catch (error) {
      // In the person's language, like every other failure (a too-new database, a locked keychain).
      this.loadError = errorText(error);
    }
  }

  selectStore(id: string): void {
    this.currentStoreId = id;
    localStorage.setItem(CURRENT_STORE_KEY, id);
  }

  #setStores(stores: StoreSummary[]): void {
    this.stores = stores;
    if (stores.length > 0 && !stores.some((store) => store.id === this.currentStoreId)) this.selectStore(stores[0].id);
  }
}

export const session = new Session();
