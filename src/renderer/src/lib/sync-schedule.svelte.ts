import type { SyncIntervalMinutes, SyncSchedule } from '../../../shared/domain/app';
import type { CallInput } from '../../../shared/ipc/contract';
import { api } from './api';
import { errorText } from './display';

/**
 * The automatic sync's settings as the window shows them (the interval in Configurações, the new-orders
 * notification there and in the frame's question): read from the core, each choice written back.
 */
export class SyncScheduleChoice {
  /** null until the core has answered. */
  interval = $state<SyncIntervalMinutes | null>(null);
  /** undefined until the core has answered; null while the person was never asked. */
  notify = $state<boolean | null | undefined>(undefined);
  error = $state<string | null>(null);

  constructor() {
    this.refresh();
  }

  refresh(): void {
    api()
      .call('sync.getSchedule')
      .then((schedule) => this.#show(schedule))
      .catch((failure: unknown) => (this.error = errorText(failure)));
  }

  choose(intervalMinutes: SyncIntervalMinutes): Promise<void> {
    const before = this.interval;
    this.interval = intervalMinutes;
    return this.#write({ intervalMinutes }, () => (this.interval = before));
  }

  setNotify(notifyNewOrders: boolean): Promise<void> {
    const before = this.notify;
    this.notify = notifyNewOrders;
    return this.#write({ notifyNewOrders }, () => (this.notify = before));
  }

  async #write(change: CallInput<'sync.setSchedule'>, undo: () => void): Promise<void> {
    this.error = null;
    try {
      this.#show(await api().call('sync.setSchedule', change));
    } catch (failure) {
      undo();
      this.error = errorText(failure);
    }
  }

  #show(schedule: SyncSchedule): void {
    this.interval = schedule.intervalMinutes;
    this.notify = schedule.notifyNewOrders;
  }
}
