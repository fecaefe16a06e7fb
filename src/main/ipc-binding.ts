import { CALL_NAMES, IPC_CALL_PREFIX, IPC_EVENT_PREFIX } from '../shared/ipc/contract';
import type { Envelope } from '../shared/errors';
import type { Dispatch } from './core/ipc/dispatcher';
import type { EventBus } from './core/events/event-bus';

/** The part of Electron's ipcMain this binding uses; tests pass a stand-in. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: SenderEvent, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

/** The part of IpcMainInvokeEvent the sender check reads. */
export interface SenderEvent {
  sender: { id: number };
  senderFrame: { url: string } | null;
}

export interface WebContentsLike {
  isDestroyed(): boolean;
  send(channel: string, payload: unknown): void;
}

/** A call that did not come from a Balcão window. */
const forbidden: Envelope<never> = { ok: false, error: { code: 'FORBIDDEN_SENDER' } };

/**
 * Registers one ipcMain handler per call of the contract. Each checks that the
 * sender is one of our windows, then goes through the shared dispatcher
 * (validation and result envelope). Channels outside the contract are never
 * registered, so Electron itself refuses them. Returns an unbind function.
 */
export function bindContractToIpc(
  ipc: IpcMainLike,
  dispatch: Dispatch,
  isTrustedSender: (event: SenderEvent) => boolean,
): () => void {
  for (const name of CALL_NAMES) {
    ipc.handle(IPC_CALL_PREFIX + name, async (event, input) => {
      if (!isTrustedSender(event)) return forbidden;
      return dispatch(name, input);
    });
  }
  return () => {
    for (const name of CALL_NAMES) ipc.removeHandler(IPC_CALL_PREFIX + name);
  };
}

/** Forwards every core event to one window until it is destroyed. */
export function forwardEvents(bus: EventBus, target: WebContentsLike): () => void {
  const unsubscribe = bus.subscribeAll((event, payload) => {
    if (target.isDestroyed()) {
      unsubscribe();
      return;
    }
    target.send(IPC_EVENT_PREFIX + event, payload);
  });
  return unsubscribe;
}
