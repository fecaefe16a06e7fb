import type { Connectivity, ConnectivityState } from '../../shared/domain/app';
import type { EventBus } from './events/event-bus';

/**
 * Whether the store API answers, as shown by the calls the app really makes
 * (sync, connection tests), not by a guess. The shell may add the OS's hint.
 */
export class ConnectivityTracker {
  #current: Connectivity = { state: 'unknown', since: null };

  constructor(
    private readonly events: EventBus,
    private readonly now: () => Date = () => new Date(),
  ) {}

  get current(): Connectivity {
    return this.#current;
  }

  report(state: ConnectivityState): void {
    if (state === this.#current.state) return;
    this.#current = { state, since: this.now().toISOString() };
    this.events.emit('connectivity.changed', this.#current);
  }
}
