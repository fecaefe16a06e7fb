import type { Connectivity, ConnectivityState } from '../../shared/domain/app';
import type { EventBus } from './events/event-bus';

/**
 * Whether the store API answers, as shown by the calls the app really makes
 * (sync, connection tests, the background check), not by a guess.
 */
export class ConnectivityTracker {
  #current: Connectivity = { state: 'unknown', since: null, nextCheckAt: null };

  constructor(
    private readonly events: EventBus,
    private readonly now: () => Date = () => new Date(),
  ) {}

  get current(): Connectivity {
    return this.#current;
  }

  report(state: ConnectivityState): void {
    if (state === this.#current.state) return;
    // Back online there is nothing to retry; offline, the background check says when it tries next.
    this.#current = { state, since: this.now().toISOString(), nextCheckAt: null };
    this.events.emit('connectivity.changed', this.#current);
  }

  /** When the background check tries again; announced only while offline (online it checks quietly). */
  nextCheck(at: string | null): void {
    if (this.#current.state !== 'offline' || at === this.#current.nextCheckAt) return;
    this.#current = { ...this.#current, nextCheckAt: at };
    this.events.emit('connectivity.changed', this.#current);
  }
}
