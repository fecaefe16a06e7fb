import type { EventName, EventPayload } from '../../../shared/ipc/contract';

type AnyListener = (event: EventName, payload: unknown) => void;

/**
 * Events the core publishes for whichever carriers are attached (windows over
 * IPC, bridge clients over server-sent events). Listener failures are isolated:
 * one closed window must not stop the others from hearing.
 */
export class EventBus {
  readonly #listeners = new Set<AnyListener>();

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const listener of this.#listeners) {
      try {
        listener(event, payload);
      } catch {
        // A carrier that fails to deliver is its own problem; the rest still hear.
      }
    }
  }

  subscribeAll(listener: AnyListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
