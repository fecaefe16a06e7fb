import { createApiClient, type ApiClient } from '../../../shared/ipc/client';
import type { Core } from '../composition';

/**
 * The renderer's typed client over a core in the same process (the CLI, the first-run step): calls go through the
 * same dispatcher — the contract's schemas, the services' checks, `{ code, params }` failures thrown as ApiError —
 * and events come from the core's bus.
 */
export function inProcessClient(core: Pick<Core, 'dispatch' | 'events'>): ApiClient {
  return createApiClient({
    invoke: core.dispatch,
    subscribe: (event, listener) =>
      core.events.subscribeAll((name, payload) => {
        if (name === event) listener(payload);
      }),
  });
}
