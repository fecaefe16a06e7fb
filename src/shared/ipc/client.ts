import { ApiError } from '../errors';
import type { CallInput, CallName, CallResult, EventName, EventPayload } from './contract';
import type { Transport } from './transport';

export interface ApiClient {
  call<N extends CallName>(
    name: N,
    ...input: undefined extends CallInput<N> ? [input?: CallInput<N>] : [input: CallInput<N>]
  ): Promise<CallResult<N>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** Typed functions over a transport; a failed call throws an ApiError with its code. */
export function createApiClient(transport: Transport): ApiClient {
  return {
    async call(name, ...rest) {
      const envelope = await transport.invoke(name, rest[0]);
      if (!envelope.ok) throw new ApiError(envelope.error);
      return envelope.value as never;
    },
    on(event, listener) {
      return transport.subscribe(event, listener as (payload: unknown) => void);
    },
  };
}
