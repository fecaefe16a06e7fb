import type { Connectivity, NewOrders, StoreSummary, SyncOutcome, SyncProgress } from '../../../shared/domain/app';
import { NEW_ORDER_IDS_MAX } from '../../../shared/domain/app';
import { api } from './api';
import { errorText } from './display';

const CURRENT_STORE_KEY = 'balcao.currentStore';

/** A store's new orders since the person last looked: how many, the highest ids, and the sync runs that brought them. */
export interface NewArrivals {
  count: number;
  ids: readonly number[];
  /** The order list's `arrivedIn`: exactly these orders, however many runs brought them. */
  runs: number[];
}

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
  /** Orders syncs brought, per store, until the person opens or dismisses the notice ("3 pedidos novos"). */
  newOrders = $state<Record<string, NewArrivals>>({});
  /** The new orders the person chose to open, for the orders screen to mark; forgotten once it is left. */
  openedNewOrders = $state<{ storeId: string; orders: NewArrivals } | null>(null);
  /**
   * New orders the person has not seen yet, per store (the order list marks their rows): seen once the list was
   * opened on them and left, or each when it is opened.
   */
  unseen = $state<Record<string, readonly number[]>>({});

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
      // A store's first sync brings every order, which is not news: the core gives its orders no run.
      if (outcome.ok && outcome.newOrders.run !== null && outcome.newOrders.count > 0)
        this.#addNewOrders(outcome.storeId, outcome.newOrders.run, outcome.newOrders);
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

  /**
   * Ends the notice of a store's new orders and answers the runs that brought them, for the caller to open the order
   * list on exactly those; null when there is no notice.
   */
  openNewOrders(storeId: string): number[] | null {
    const orders = this.newOrders[storeId];
    if (!orders) return null;
    this.openedNewOrders = { storeId, orders };
    this.dismissNewOrders(storeId);
    return orders.runs;
  }

  isUnseen(storeId: string, orderId: number): boolean {
    return this.unseen[storeId]?.includes(orderId) ?? false;
  }

  /** The person opened the order. */
  seeOrder(storeId: string, orderId: number): void {
    if (this.isUnseen(storeId, orderId)) this.#forget(storeId, [orderId]);
  }

  /** The person left the order list that was opened on the store's new orders: they have been seen. */
  leaveOpenedNewOrders(storeId: string): void {
    const opened = this.openedNewOrders;
    if (opened?.storeId !== storeId) return;
    this.openedNewOrders = null;
    this.#forget(storeId, opened.orders.ids);
  }

  #forget(storeId: string, orderIds: readonly number[]): void {
    const left = (this.unseen[storeId] ?? []).filter((id) => !orderIds.includes(id));
    this.unseen = { ...this.unseen, [storeId]: left };
  }

  dismissNewOrders(storeId: string): void {
    const { [storeId]: _seen, ...rest } = this.newOrders;
    this.newOrders = rest;
  }

  /** Runs not yet seen add up: two syncs of 2 and 3 new orders are "5 pedidos novos", listed together. */
  #addNewOrders(storeId: string, run: number, added: NewOrders): void {
    const before = this.newOrders[storeId];
    const merged: NewArrivals = before
      ? {
          count: before.count + added.count,
          ids: [...new Set([...added.ids, ...before.ids])].sort((a, b) => b - a).slice(0, NEW_ORDER_IDS_MAX),
          runs: [...before.runs, run],
        }
      : { count: added.count, ids: added.ids, runs: [run] };
    this.newOrders = { ...this.newOrders, [storeId]: merged };
    const marked = this.unseen[storeId] ?? [];
    const unseen = [...added.ids.filter((id) => !marked.includes(id)), ...marked].slice(0, NEW_ORDER_IDS_MAX);
    this.unseen = { ...this.unseen, [storeId]: unseen };
  }

  #setStores(stores: StoreSummary[]): void {
    this.stores = stores;
    if (stores.length > 0 && !stores.some((store) => store.id === this.currentStoreId)) this.selectStore(stores[0].id);
  }
}

export const session = new Session();
