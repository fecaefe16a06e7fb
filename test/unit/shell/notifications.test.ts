import { describe, expect, it } from 'vitest';
import type { NewOrders, StoreSummary, SyncOutcome } from '../../../src/shared/domain/app';
import type { Dispatch } from '../../../src/main/core/ipc/dispatcher';
import { EventBus } from '../../../src/main/core/events/event-bus';
import { notifyNewOrders, type NotificationLike } from '../../../src/main/notifications';

const STORE = { id: 'store-1', name: 'Loja da Ana' } as StoreSummary;

/** A stand-in for Electron's Notification: records what was shown, and a click can be made on it. */
function notifications(supported = true) {
  const shown: { title: string; body: string; click: () => void }[] = [];
  class FakeNotification implements NotificationLike {
    #click: () => void = () => {};
    constructor(readonly options: { title: string; body: string }) {}
    static isSupported(): boolean {
      return supported;
    }
    on(_event: 'click', listener: () => void): this {
      this.#click = listener;
      return this;
    }
    show(): void {
      shown.push({ ...this.options, click: () => this.#click() });
    }
  }
  return { Notification: FakeNotification, shown };
}

/** The door as the shell sees it: the schedule's setting and the stores. */
function door(notifyNewOrders: boolean | null): Dispatch {
  return async (channel) => {
    if (channel === 'sync.getSchedule') return { ok: true, value: { intervalMinutes: 10, notifyNewOrders } };
    if (channel === 'stores.list') return { ok: true, value: [STORE] };
    return { ok: false, error: { code: 'INTERNAL' } };
  };
}

function outcome(mode: 'full' | 'incremental', count: number, ok = true): SyncOutcome {
  const ids = Array.from({ length: count }, (_, i) => 1000 - i);
  const newOrders: NewOrders = { run: 2, count, ids, minId: ids.at(-1) ?? null, maxId: ids[0] ?? null };
  return {
    storeId: STORE.id,
    mode,
    ok,
    cancelled: false,
    error: ok ? null : { code: 'OFFLINE' },
    ordersWritten: count,
    customersWritten: 0,
    unreadable: 0,
    requests: 1,
    retries: 0,
    finishedAt: '2026-11-26T10:00:00.000Z',
    newOrders,
  };
}

/** Lets the notifier's reads through the door settle. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function setUp(setting: boolean | null, locale: 'pt-BR' | 'en' = 'pt-BR', supported = true) {
  const events = new EventBus();
  const { Notification, shown } = notifications(supported);
  const opened: string[] = [];
  const stop = notifyNewOrders({
    Notification,
    events,
    dispatch: door(setting),
    locale,
    open: (storeId) => opened.push(storeId),
  });
  return { events, shown, opened, stop };
}

describe('the new-orders notification', () => {
  it('says how many new orders and where, and a click opens the list on them', async () => {
    const { events, shown, opened } = setUp(true);
    events.emit('sync.finished', outcome('incremental', 3));
    await settle();
    expect(shown.map(({ title, body }) => ({ title, body }))).toEqual([
      { title: '3 pedidos novos', body: 'Em Loja da Ana. Clique para ver.' },
    ]);
    expect(opened).toEqual([]);
    shown[0].click();
    expect(opened).toEqual([STORE.id]);
  });

  it('speaks English, in the singular for one order', async () => {
    const { events, shown } = setUp(true, 'en');
    events.emit('sync.finished', outcome('incremental', 1));
    await settle();
    expect(shown.map(({ title, body }) => ({ title, body }))).toEqual([
      { title: '1 new order', body: 'In Loja da Ana. Click to see them.' },
    ]);
  });

  it('stays quiet until the person says yes (never asked, or said no)', async () => {
    for (const setting of [null, false]) {
      const { events, shown } = setUp(setting);
      events.emit('sync.finished', outcome('incremental', 3));
      await settle();
      expect(shown, String(setting)).toEqual([]);
    }
  });

  it('stays quiet for a full sync (every order is new to a first sync), a failed run, no new orders, or no OS support', async () => {
    const cases = [
      { run: outcome('full', 250), supported: true },
      { run: outcome('incremental', 2, false), supported: true },
      { run: outcome('incremental', 0), supported: true },
      { run: outcome('incremental', 2), supported: false },
    ];
    for (const { run, supported } of cases) {
      const { events, shown } = setUp(true, 'pt-BR', supported);
      events.emit('sync.finished', run);
      await settle();
      expect(shown).toEqual([]);
    }
  });

  it('stops listening when stopped', async () => {
    const { events, shown, stop } = setUp(true);
    stop();
    events.emit('sync.finished', outcome('incremental', 3));
    await settle();
    expect(shown).toEqual([]);
  });
});
