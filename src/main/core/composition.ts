import { mkdirSync } from 'node:fs';
import type { AppInfo } from '../../shared/domain/app';
import { createDispatcher, type Dispatch } from './ipc/dispatcher';
import { EventBus } from './ipc/event-bus';
import { createService } from './service';

export interface CoreOptions {
  appName: string;
  version: string;
  dataDir: string;
  shell: AppInfo['shell'];
}

export interface Core {
  dispatch: Dispatch;
  events: EventBus;
  close(): void;
}

/**
 * Wires the core's parts together once, for every shell: Electron, the HTTP
 * bridge and the CLI all get the same service behind the same dispatcher.
 */
export function createCore(options: CoreOptions): Core {
  mkdirSync(options.dataDir, { recursive: true });
  const events = new EventBus();
  const service = createService({
    events,
    appInfo: {
      name: options.appName,
      version: options.version,
      platform: `${process.platform}-${process.arch}`,
      dataDir: options.dataDir,
      shell: options.shell,
    },
  });
  const dispatch = createDispatcher(service, {
    onUnexpectedError: (channel, error) => {
      console.error(`[balcao] ${channel} failed:`, error instanceof Error ? error.name : typeof error);
    },
  });
  return {
    dispatch,
    events,
    close() {
      // Nothing to release yet; the database and sync engine will close here.
    },
  };
}
