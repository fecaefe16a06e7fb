import { describe, expect, it } from 'vitest';
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import { keepDevToolsClosed, mainWindowOptions, openMainWindow, type OpenWindowDeps } from '../../../src/main/window';
import { writeWindowState, type DisplayLike } from '../../../src/main/window-state';

const placement = { bounds: { x: 10, y: 20, width: 1200, height: 700 }, maximized: false };

describe('main window options', () => {
  it('isolates and sandboxes the renderer, without Node, webviews or insecure content', () => {
    const prefs = mainWindowOptions({ preload: '/p.cjs', isPackaged: true, placement }).webPreferences!;
    expect(prefs).toMatchObject({
      preload: '/p.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('has DevTools only when not packaged', () => {
    expect(mainWindowOptions({ preload: '', isPackaged: true, placement }).webPreferences!.devTools).toBe(false);
    expect(mainWindowOptions({ preload: '', isPackaged: false, placement }).webPreferences!.devTools).toBe(true);
  });

  it('closes DevTools at once in a packaged app, and leaves them in development', () => {
    for (const isPackaged of [true, false]) {
      const contents = Object.assign(new EventEmitter(), { closed: 0, closeDevTools: () => contents.closed++ });
      keepDevToolsClosed(contents, isPackaged);
      contents.emit('devtools-opened');
      expect(contents.closed).toBe(isPackaged ? 1 : 0);
    }
  });
});

describe('opening the main window', () => {
  const display: DisplayLike = { id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1040 } };

  /** A stand-in BrowserWindow recording what the shell asked of it. */
  class FakeWindow extends EventEmitter {
    static last: FakeWindow;
    loaded: string | null = null;
    shown = false;
    maximized = false;
    webContents = Object.assign(new EventEmitter(), { closeDevTools: () => {} });
    constructor(readonly options: BrowserWindowConstructorOptions) {
      super();
      FakeWindow.last = this;
    }
    loadURL(url: string) {
      this.loaded = url;
      return Promise.resolve();
    }
    show() {
      this.shown = true;
    }
    maximize() {
      this.maximized = true;
    }
    isMaximized() {
      return this.maximized;
    }
    getNormalBounds() {
      return { x: 100, y: 50, width: 1000, height: 700 };
    }
  }

  it('opens where it was, maximised as it was, shows on its first frame, and remembers its place on close', () => {
    const dir = mkdtempSync(join(tmpdir(), 'balcao-window-'));
    try {
      const stateFile = join(dir, 'window-state.json');
      writeWindowState(stateFile, {
        last: '1:1920x1040',
        displays: { '1:1920x1040': { bounds: { x: 300, y: 200, width: 1100, height: 750 }, maximized: true } },
      });
      const deps: OpenWindowDeps = {
        BrowserWindow: FakeWindow as unknown as typeof BrowserWindow,
        screen: {
          getAllDisplays: () => [display],
          getPrimaryDisplay: () => display,
          getDisplayMatching: () => display,
        },
        stateFile,
        preload: '/preload.cjs',
        isPackaged: true,
        url: 'app://balcao/index.html',
      };
      openMainWindow(deps);
      const window = FakeWindow.last;
      expect(window.options).toMatchObject({ x: 300, y: 200, width: 1100, height: 750, show: false });
      expect(window.loaded).toBe('app://balcao/index.html');
      expect(window.shown).toBe(false);
      window.emit('ready-to-show');
      expect(window.shown && window.maximized).toBe(true);
      window.emit('close');
      openMainWindow(deps);
      expect(FakeWindow.last.options).toMatchObject({ x: 100, y: 50, width: 1000, height: 700 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
