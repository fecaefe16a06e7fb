import * as v from 'valibot';
import { calls, isCallName, type CallInput, type CallName, type CallResult } from '../../../shared/ipc/contract';
import type { Envelope } from '../../../shared/errors';
import { AppError } from '../base/app-error';

export type Handlers = {
  [N in CallName]: (input: v.InferOutput<(typeof calls)[N]['input']>) => Promise<CallResult<N>> | CallResult<N>;
};

export type Dispatch = (channel: string, rawInput: unknown) => Promise<Envelope<unknown>>;

export interface DispatcherOptions {
  /** Told of failures that are not AppErrors, for the log; never shown to the user. */
  onUnexpectedError?: (channel: CallName, error: unknown) => void;
  /** Turns a failure a person can act on (a full disk, say) into its AppError; null leaves it unexpected. */
  explain?: (error: unknown) => AppError | null;
}

/**
 * The single place where a call from outside the main process becomes a handler
 * call: the channel must be in the contract, the input must match its schema,
 * and every outcome becomes an envelope. ipcMain and the HTTP bridge both use it,
 * so they cannot drift apart.
 */
export function createDispatcher(handlers: Handlers, options: DispatcherOptions = {}): Dispatch {
  return async (channel, rawInput) => {
    if (!isCallName(channel)) {
      return { ok: false, error: { code: 'UNKNOWN_CHANNEL' } };
    }
    const parsed = v.safeParse(calls[channel].input, rawInput);
    if (!parsed.success) {
      const issue = parsed.issues[0];
      const field = issue.path?.map((p) => String(p.key)).join('.') ?? '';
      // Which field, as a param: the words are the edge's, not the validation library's English (the forms keep to
      // the same limits, so this is a bug when the app shows it; the CLI shows it for a bad flag).
      return { ok: false, error: { code: 'INVALID_INPUT', params: field ? { reason: 'field', field } : {} } };
    }
    try {
      const handler = handlers[channel] as (input: unknown) => unknown;
      const value = await handler(parsed.output);
      return { ok: true, value: value ?? null };
    } catch (error) {
      const known = error instanceof AppError ? error : (options.explain?.(error) ?? null);
      if (known) return { ok: false, error: known.toInfo() };
      options.onUnexpectedError?.(channel, error);
      return { ok: false, error: { code: 'INTERNAL', params: { reason: 'log' } } };
    }
  };
}

/** For tests and the CLI: call a handler through the same validation as the carriers. */
export async function dispatchTyped<N extends CallName>(
  dispatch: Dispatch,
  name: N,
  input?: CallInput<N>,
): Promise<Envelope<CallResult<N>>> {
  return (await dispatch(name, input)) as Envelope<CallResult<N>>;
}
