import * as v from 'valibot';
import type { AppInfo, Connectivity, StoreSummary } from '../domain/app';

/**
 * The one list of everything the renderer may ask of the main process, and every
 * event it may hear. Each call names a runtime schema for its input (checked by
 * every carrier before a handler runs) and, as a phantom type, its result.
 * Inputs and results are plain JSON so that ipcMain and the HTTP bridge carry
 * the same contract unchanged.
 */
export interface CallSpec<S extends v.GenericSchema, R> {
  readonly input: S;
  /** Phantom: never set at run time; carries the result type. */
  readonly result?: R;
}

function call<R>() {
  return <S extends v.GenericSchema>(input: S): CallSpec<S, R> => ({ input });
}

const noInput = v.optional(v.strictObject({}));

export const calls = {
  'app.info': call<AppInfo>()(noInput),
  'stores.list': call<StoreSummary[]>()(noInput),
} as const;

/** Events the main process pushes; the value is a phantom type for the payload. */
export const events = {
  'connectivity.changed': {} as Connectivity,
} as const;

export type Calls = typeof calls;
export type CallName = keyof Calls;
export type CallInput<N extends CallName> = v.InferInput<Calls[N]['input']>;
export type CallResult<N extends CallName> = Calls[N] extends CallSpec<v.GenericSchema, infer R> ? R : never;
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = (typeof events)[E];

export const CALL_NAMES = Object.keys(calls) as CallName[];
export const EVENT_NAMES = Object.keys(events) as EventName[];

export function isCallName(value: unknown): value is CallName {
  return typeof value === 'string' && Object.hasOwn(calls, value);
}

export function isEventName(value: unknown): value is EventName {
  return typeof value === 'string' && Object.hasOwn(events, value);
}

/** IPC channel names are prefixed so they cannot collide with Electron's own. */
export const IPC_CALL_PREFIX = 'balcao:call:';
export const IPC_EVENT_PREFIX = 'balcao:event:';
