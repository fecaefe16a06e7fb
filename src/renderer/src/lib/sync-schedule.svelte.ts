import type { SyncIntervalMinutes } from '../../../shared/domain/app';
import { api } from './api';
import { errorText } from './display';

/** The automatic sync interval as Configurações shows it: read from the core, written back on each choice. */
export class SyncScheduleChoice {
  /** null until the core has answered. */
  interval = $state<SyncIntervalMinutes | null>(null);
  error = $state<string | null>(null);

  constructor() {
    api()
      .call('sync.getSchedule')
      .then((schedule) => (this.interval = schedule.intervalMinutes))
      .catch((failure: unknown) => (this.error = errorText(failure)));
  }

  async choose(value: SyncIntervalMinutes): Promise<void> {
    const before = this.interval;
    this.interval = value;
    this.error = null;
    try {
      this.interval = (await api().call('sync.setSchedule', { intervalMinutes: value })).intervalMinutes;
    } catch (failure) {
      this.interval = before;
      this.error = errorText(failure);
    }
  }
}
