import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The update feed this build was made with: electron-builder writes app-update.yml into the app's resources only
 * when BALCAO_UPDATE_URL was set at build time. No file (a build without a feed, development) means no update check.
 */
export function builtInFeed(resourcesPath: string, isPackaged: boolean): string | null {
  if (!isPackaged) return null;
  let text: string;
  try {
    text = readFileSync(join(resourcesPath, 'app-update.yml'), 'utf8');
  } catch {
    return null;
  }
  const url = /^url:\s*['"]?(https:\/\/[^'"\s]+)/m.exec(text)?.[1];
  return url ?? null;
}

/** The part of electron-updater's autoUpdater used here; tests pass a stand-in. */
export interface UpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  on(event: 'update-downloaded', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  checkForUpdates(): Promise<unknown>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
}

export interface Updates {
  /** Called once the core has closed on quit: installs a downloaded update then, never while a sync runs. */
  installOnQuit(): void;
}

export const CHECK_EVERY_MS = 6 * 60 * 60 * 1000;

/**
 * Checks the feed at start and every few hours and downloads quietly; the download is installed only when the person
 * quits (after the core has closed), never by restarting the app under them mid-sync. Without a feed nothing runs.
 */
export function startUpdates(
  feed: string | null,
  loadUpdater: () => Promise<UpdaterLike>,
  log: {
    info(message: string, fields?: Record<string, unknown>): void;
    warn(message: string, fields?: Record<string, unknown>): void;
  },
): Updates {
  if (!feed) {
    log.info('no update feed in this build: updates are not checked');
    return { installOnQuit: () => {} };
  }
  let updater: UpdaterLike | null = null;
  let downloaded = false;
  void loadUpdater()
    .then((loaded) => {
      updater = loaded;
      loaded.autoDownload = true;
      loaded.autoInstallOnAppQuit = false;
      loaded.on('update-downloaded', () => {
        downloaded = true;
        log.info('update downloaded: it will be installed on quit');
      });
      loaded.on('error', (error) => log.warn('update check failed', { error }));
      const check = () =>
        void loaded.checkForUpdates().catch((error: unknown) => log.warn('update check failed', { error }));
      check();
      setInterval(check, CHECK_EVERY_MS).unref();
    })
    .catch((error: unknown) => log.warn('the updater could not load', { error }));
  return {
    installOnQuit: () => {
      if (updater && downloaded) updater.quitAndInstall(true, false);
    },
  };
}
