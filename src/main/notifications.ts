import type { SyncOutcome } from '../shared/domain/app';
import type { Locale } from '../shared/i18n/messages';
import { shellText } from '../shared/i18n/shell-messages';
import type { EventBus } from './core/events/event-bus';
import { dispatchTyped, type Dispatch } from './core/ipc/dispatcher';

/** The part of Electron's Notification this uses. */
export interface NotificationLike {
  on(event: 'click', listener: () => void): unknown;
  show(): void;
}

export interface NotificationClass {
  new (options: { title: string; body: string }): NotificationLike;
  isSupported(): boolean;
}

export interface NewOrderNotices {
  Notification: NotificationClass;
  /** The core's events (`sync.finished`). */
  events: Pick<EventBus, 'subscribeAll'>;
  /** The setting and the store's name are read through the one door, like the window reads them. */
  dispatch: Dispatch;
  locale: Locale;
  /** A click: bring the window forward and open the order list on the store's new orders. */
  open(storeId: string): void;
}

/**
 * An OS notification when a sync brings new orders, while the person has said yes to it in Configurações (off until
 * then). Only an incremental run's new orders are news: a full sync is a first sync (every order is new to the
 * cache), a re-sync or a resumed one. Several notifications are never stacked for one store: each says the run's
 * count, and a click opens the list on all of the store's new orders not yet seen. Returns a stop function.
 */
export function notifyNewOrders(deps: NewOrderNotices): () => void {
  return deps.events.subscribeAll((event, payload) => {
    if (event !== 'sync.finished') return;
    const outcome = payload as SyncOutcome;
    if (!outcome.ok || outcome.mode !== 'incremental' || outcome.newOrders.count === 0) return;
    void show(deps, outcome);
  });
}

async function show(deps: NewOrderNotices, outcome: SyncOutcome): Promise<void> {
  if (!deps.Notification.isSupported()) return;
  const schedule = await dispatchTyped(deps.dispatch, 'sync.getSchedule');
  if (!schedule.ok || schedule.value.notifyNewOrders !== true) return;
  const stores = await dispatchTyped(deps.dispatch, 'stores.list');
  const store = stores.ok ? stores.value.find((s) => s.id === outcome.storeId) : undefined;
  if (!store) return;
  const count = outcome.newOrders.count;
  const notification = new deps.Notification({
    title: shellText(deps.locale, count === 1 ? 'notify.newOrders.one' : 'notify.newOrders.other', {
      count: new Intl.NumberFormat(deps.locale).format(count),
    }),
    body: shellText(deps.locale, 'notify.newOrdersBody', { store: store.name }),
  });
  notification.on('click', () => deps.open(store.id));
  notification.show();
}
