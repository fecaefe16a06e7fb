import type { AppInfo } from '../../shared/domain/app';
import type { Handlers } from './ipc/dispatcher';
import type { EventBus } from './ipc/event-bus';

export interface ServiceDeps {
  appInfo: AppInfo;
  events: EventBus;
}

/** Implements every call of the contract over the core's parts. */
export function createService(deps: ServiceDeps): Handlers {
  return {
    'app.info': () => deps.appInfo,
    'stores.list': () => [],
  };
}
