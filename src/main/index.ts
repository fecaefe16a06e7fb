import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  nativeTheme,
  net,
  Notification,
  powerMonitor,
  protocol,
  screen,
  session,
  shell,
} from 'electron';
import { join } from 'node:path';
import { errorMessage } from '../shared/i18n/error-message';
import { shellLocale, shellText } from '../shared/i18n/shell-messages';
import { AppError } from './core/base/app-error';
import { createCore } from './core/composition';
import { openDemoIfEmpty } from './core/stores/first-run';
import { secureDataFolder } from './data-folder';
import { showAbout, showCrashNotice } from './dialogs';
import { openOrderLink } from './external-links';
import { denyPermissions, guardAllWebContents } from './guards';
import { bindContractToIpc, forwardEvents, type SenderEvent } from './ipc-binding';
import { focusWindow, onWakeOrOnline, quitAfterCoreCloses, reloadOnCrash, syncAllStores } from './lifecycle';
import { menuTemplate } from './menu';
import { APP_ENTRY_URL, APP_SCHEME, createUrlTrust, devServerOrigin } from './origins';
import { serveRenderer } from './protocol';
import { builtInFeed, startUpdates, type UpdaterLike } from './updates';
import { openMainWindow } from './window';
import { electronExportShell } from './export-shell';
import { ElectronPdfPrinter } from './pdf-printer';
import { notifyNewOrders } from './notifications';

// Chromium formats native date fields by the app locale, which follows the OS unless set: the app speaks
// Brazilian Portuguese by default, so its date filters read dd/mm/aaaa even on an English system.
app.commandLine.appendSwitch('lang', 'pt-BR');
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

const devOrigin = devServerOrigin(app.isPackaged, process.env['ELECTRON_RENDERER_URL']);
const isTrustedUrl = createUrlTrust(devOrigin);
const locale = shellLocale(app.getPreferredSystemLanguages());
// A test or a second profile keeps everything, Chromium's files included, in a folder of its own.
if (process.env['BALCAO_DATA_DIR']) app.setPath('userData', process.env['BALCAO_DATA_DIR']);
const dataDir = app.getPath('userData');
// Electron's log folder: ~/Library/Logs/Balcão on macOS, <userData>/logs on Windows and Linux.
const logDir = app.getPath('logs');

async function main(): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  secureDataFolder(dataDir);
  secureDataFolder(logDir);
  const exportShell = electronExportShell({
    dialog,
    shell,
    parentWindow: () => BrowserWindow.getFocusedWindow(),
    defaultFolder: app.getPath('documents'),
    makePrinter: () =>
      new ElectronPdfPrinter({
        createWindow: (options) => new BrowserWindow(options),
        session: session.fromPartition('balcao-print'),
      }),
  });
  const core = createCore({
    appName: app.getName(),
    version: app.getVersion(),
    dataDir,
    logDir,
    shell: 'electron',
    openLink: (link) => openOrderLink((url) => shell.openExternal(url), link),
    exportShell,
  });
  guardAllWebContents(app, isTrustedUrl, core.log);
  await app.whenReady();
  const updateFeed = builtInFeed(process.resourcesPath, app.isPackaged);
  const updates = startUpdates(
    updateFeed,
    async () => (await import('electron-updater')).autoUpdater as unknown as UpdaterLike,
    core.log,
  );
  quitAfterCoreCloses(app, { closeCore: () => core.close(), afterClose: () => updates.installOnQuit() });
  denyPermissions(session.defaultSession);
  serveRenderer(protocol, join(import.meta.dirname, '../renderer'), (url) => net.fetch(url));

  const windows = new Set<BrowserWindow>();
  const isTrustedSender = (event: SenderEvent): boolean =>
    isTrustedUrl(event.senderFrame?.url ?? '') && [...windows].some((w) => w.webContents.id === event.sender.id);
  bindContractToIpc(ipcMain, core.dispatch, isTrustedSender);
  // `npm start` asks for the demo store on a first run; a packaged app shows the first-run screen.
  if (process.env['BALCAO_DEMO'] === '1') void openDemoIfEmpty(core);

  const about = { version: app.getVersion(), platform: `${process.platform}-${process.arch}`, dataDir };
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      menuTemplate(
        {
          locale,
          platform: process.platform,
          version: about.version,
          theme: nativeTheme.themeSource,
          isPackaged: app.isPackaged,
        },
        {
          exportOrders: () => core.events.emit('shell.command', { command: 'export' }),
          syncNow: () => void syncAllStores(core.dispatch),
          setTheme: (theme) => (nativeTheme.themeSource = theme),
          about: () => showAbout(dialog, locale, { ...about, updateFeed }),
          openDataFolder: () => void shell.openPath(dataDir),
          openLogs: () => void shell.openPath(logDir),
        },
      ),
    ),
  );

  const open = (): void => {
    const window = openMainWindow({
      BrowserWindow,
      screen,
      stateFile: join(dataDir, 'window-state.json'),
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      isPackaged: app.isPackaged,
      url: devOrigin ? process.env['ELECTRON_RENDERER_URL']! : APP_ENTRY_URL,
    });
    windows.add(window);
    window.on('closed', () => windows.delete(window));
    forwardEvents(core.events, window.webContents);
    reloadOnCrash(window.webContents, (outcome, reason) => showCrashNotice(dialog, locale, outcome, reason));
  };
  open();

  app.on('second-instance', () => focusWindow([...windows][0]));
  app.on('activate', () => windows.size === 0 && open());
  app.on('window-all-closed', () => process.platform !== 'darwin' && app.quit());
  notifyNewOrders({
    Notification,
    events: core.events,
    dispatch: core.dispatch,
    locale,
    open: (storeId) => {
      if (windows.size === 0) open();
      focusWindow([...windows][0]);
      core.events.emit('shell.command', { command: 'new-orders', storeId });
    },
  });
  core.freshness.start();
  onWakeOrOnline({ powerMonitor, isOnline: () => net.isOnline() }, core.freshness);
}

// A failure before the window opens (a database from a newer version, a data folder that cannot be written) would
// otherwise leave a process with no window holding the single-instance lock, so every new launch quit silently.
main().catch((error: unknown) => {
  const detail =
    error instanceof AppError
      ? errorMessage(locale, error.toInfo())
      : error instanceof Error
        ? error.message
        : String(error);
  dialog.showErrorBox(
    shellText(locale, 'startup.failed'),
    `${detail}\n\n${shellText(locale, 'startup.nothingErased')}`,
  );
  app.exit(1);
});
