import type { ApiClient } from '../../../shared/ipc/client';

let client: ApiClient | null = null;

export function provideApi(value: ApiClient): void {
  client = value;
}

/** The typed contract client; the renderer's only way to reach the main process. */
export function api(): ApiClient {
  if (!client) throw new Error('API client used before start-up');
  return client;
}
