import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AppInfo } from '../../shared/domain/app';
import { createDispatcher, type Dispatch } from './ipc/dispatcher';
import { EventBus } from './ipc/event-bus';
import { createService } from './service';
import { createLogger, type Logger } from './log/logger';

export interface CoreOptions {
  appName: string;
  version: string;
  dataDir: string;
  shell: AppInfo['shell'];
}

export interface Core {
  dispatch: Dispatch;
  events: EventBus;
  log: Logger;
  close(): void;
}

/**
 * Wires the core's parts together once, for every shell: Electron, the HTTP
 * bridge and the CLI all get the same service behind the same dispatcher.
 */
export function createCore(options: CoreOptions): Core {
  mkdirSync(options.dataDir, { recursive: true });
  const events = new EventBus();
  const log = createLogger({ file: join(options.dataDir, 'logs', 'balcao.log') });
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
    onUnexpectedError: (channel, error) => log.error(`${channel} failed unexpectedly`, { error }),
  });
  return {
    dispatch,
    events,
    log,
    close() {
      // Nothing to release yet; the database and sync engine will close here.
    },
  };
}
