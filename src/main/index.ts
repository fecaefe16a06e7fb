import { app, BrowserWindow, dialog, ipcMain, net, protocol, session, shell } from 'electron';
import { join, normalize, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { RENDERER_CSP } from '../shared/csp';
import { AppError } from './core/base/app-error';
import { createCore } from './core/composition';
import { errorMessage } from '../shared/i18n/error-message';
import { DEFAULT_LOCALE } from '../shared/i18n/messages';
import { openDemoIfEmpty } from './core/stores/first-run';
import { bindContractToIpc, forwardEvents, type SenderEvent } from './ipc-binding';

// The renderer is served from app://balcao/ rather than file:// so it has a
// real origin, a CSP header, and cannot read arbitrary local files.
const APP_SCHEME = 'app';
const APP_ORIGIN = `${APP_SCHEME}://balcao`;
const devServerUrl = !app.isPackaged ? process.env['ELECTRON_RENDERER_URL'] : undefined;

// Chromium formats native date fields by the app locale, which follows the OS unless set: the app speaks
// Brazilian Portuguese by default, so its date filters read dd/mm/aaaa even on an English system.
app.commandLine.appendSwitch('lang', 'pt-BR');

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

const windows = new Set<BrowserWindow>();

function isTrustedSender(event: SenderEvent): boolean {
  const url = event.senderFrame?.url ?? '';
  const fromOurOrigin =
    url.startsWith(`${APP_ORIGIN}/`) || (devServerUrl !== undefined && url.startsWith(devServerUrl));
  return fromOurOrigin && [...windows].some((window) => window.webContents.id === event.sender.id);
}

function serveRenderer(): void {
  const root = normalize(join(import.meta.dirname, '../renderer'));
  protocol.handle(APP_SCHEME, async (request) => {
    const { pathname } = new URL(request.url);
    const file = normalize(join(root, decodeURIComponent(pathname === '/' ? '/index.html' : pathname)));
    if (!file.startsWith(root + sep)) return new Response('Forbidden', { status: 403 });
    const response = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', RENDERER_CSP);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });
}

function hardenSessions(): void {
  session.defaultSession.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
}

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Balcão',
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  windows.add(window);
  window.on('closed', () => windows.delete(window));
  window.once('ready-to-show', () => window.show());

  // Navigation away from the app and new windows are refused; https links open
  // in the person's browser.
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  window.webContents.on('will-navigate', (event, url) => {
    const allowed = url.startsWith(`${APP_ORIGIN}/`) || (devServerUrl !== undefined && url.startsWith(devServerUrl));
    if (!allowed) event.preventDefault();
  });

  void window.loadURL(devServerUrl ?? `${APP_ORIGIN}/index.html`);
  return window;
}

async function main(): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  await app.whenReady();
  hardenSessions();
  serveRenderer();

  const core = createCore({
    appName: app.getName(),
    version: app.getVersion(),
    dataDir: process.env['BALCAO_DATA_DIR'] ?? app.getPath('userData'),
    shell: 'electron',
  });
  bindContractToIpc(ipcMain, core.dispatch, isTrustedSender);
  // `npm start` asks for the demo store on a first run; a packaged app shows the first-run screen.
  if (process.env['BALCAO_DEMO'] === '1') void openDemoIfEmpty(core);

  const open = (): void => {
    const window = createWindow();
    forwardEvents(core.events, window.webContents);
  };
  open();

  app.on('second-instance', () => {
    const [first] = windows;
    if (first) {
      if (first.isMinimized()) first.restore();
      first.focus();
    }
  });
  app.on('activate', () => {
    if (windows.size === 0) open();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  let closed = false;
  app.on('will-quit', (event) => {
    if (closed) return;
    // Let the database close cleanly (WAL checkpoint) before the process ends.
    event.preventDefault();
    void core.close().finally(() => {
      closed = true;
      app.quit();
    });
  });
}

// A failure before the window opens (a database from a newer version, a data folder that cannot be written) would
// otherwise leave a process with no window holding the single-instance lock, so every new launch quit silently.
main().catch((error: unknown) => {
  const detail =
    error instanceof AppError
      ? errorMessage(DEFAULT_LOCALE, error.toInfo())
      : error instanceof Error
        ? error.message
        : String(error);
  dialog.showErrorBox('O Balcão não pôde abrir', `${detail}\n\nNenhum dado foi apagado.`);
  app.exit(1);
});
