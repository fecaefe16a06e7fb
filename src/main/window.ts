import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import {
  MIN_SIZE,
  readWindowState,
  rememberOnClose,
  restorePlacement,
  type DisplayLike,
  type PlacedWindow,
  type ScreenLike,
} from './window-state';

export interface WindowOptionsInput {
  preload: string;
  isPackaged: boolean;
  placement: PlacedWindow;
}

/**
 * The main window's options: the renderer is sandboxed and isolated, has no Node, and gets DevTools only in
 * development (a packaged app's DevTools would let anyone with the laptop read the cache through the window).
 */
export function mainWindowOptions(input: WindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    ...input.placement.bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    show: false,
    title: 'Balcão',
    webPreferences: {
      preload: input.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: !input.isPackaged,
    },
  };
}

/** The parts of a BrowserWindow's web contents the DevTools lock uses. */
export interface DevToolsContents {
  on(event: 'devtools-opened', listener: () => void): unknown;
  closeDevTools(): void;
}

/** A second lock behind `devTools: false`: a packaged window that somehow opens DevTools closes them at once. */
export function keepDevToolsClosed(contents: DevToolsContents, isPackaged: boolean): void {
  if (isPackaged) contents.on('devtools-opened', () => contents.closeDevTools());
}

/** What opening the main window needs from Electron and the app; index.ts passes the real ones. */
export interface OpenWindowDeps {
  BrowserWindow: typeof BrowserWindow;
  screen: ScreenLike & { getAllDisplays(): DisplayLike[]; getPrimaryDisplay(): DisplayLike };
  stateFile: string;
  preload: string;
  isPackaged: boolean;
  url: string;
}

/** Opens the main window where it was last, shows it when its first frame is ready, and remembers its place. */
export function openMainWindow(deps: OpenWindowDeps): BrowserWindow {
  const placement = restorePlacement(
    readWindowState(deps.stateFile),
    deps.screen.getAllDisplays(),
    deps.screen.getPrimaryDisplay(),
  );
  const window = new deps.BrowserWindow(
    mainWindowOptions({ preload: deps.preload, isPackaged: deps.isPackaged, placement }),
  );
  keepDevToolsClosed(window.webContents, deps.isPackaged);
  rememberOnClose(window, deps.screen, deps.stateFile);
  window.once('ready-to-show', () => {
    if (placement.maximized) window.maximize();
    window.show();
  });
  void window.loadURL(deps.url);
  return window;
}
