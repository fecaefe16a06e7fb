import type { Envelope } from '../errors';

/**
 * The untyped carrier under the typed client: the preload's `window.api` in
 * Electron, the HTTP bridge's shim in a browser. Both are built from the same
 * contract and refuse names that are not in it.
 */
export interface Transport {
  invoke(channel: string, input: unknown): Promise<Envelope<unknown>>;
  subscribe(event: string, listener: (payload: unknown) => void): () => void;
}
