import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserWindowConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/main/core/base/app-error';
import { ElectronPdfPrinter, type PrintSession, type PrintWindow } from '../../src/main/pdf-printer';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- listeners of several shapes, called by the tests
type Listener = (...args: any[]) => void;

/** Stands in for Electron's BrowserWindow (its binary is absent here): records what the printer asks of it. */
class FakeWindow implements PrintWindow {
  destroyed = false;
  loaded: string[] = [];
  printed: unknown[] = [];
  listeners = new Map<string, Listener>();
  openHandler: (() => { action: 'deny' }) | null = null;
  crashOnPrint = false;

  constructor(readonly options: BrowserWindowConstructorOptions) {}

  async loadFile(path: string): Promise<void> {
    this.loaded.push(readFileSync(path, 'utf8'));
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.destroyed = true;
  }
  webContents = {
    printToPDF: async (options: unknown): Promise<Buffer> => {
      this.printed.push(options);
      if (this.crashOnPrint) {
        this.listeners.get('render-process-gone')?.({}, { reason: 'crashed' });
        return new Promise<Buffer>(() => undefined);
      }
      return Buffer.from('%PDF-1.7 fake');
    },
    setWindowOpenHandler: (handler: () => { action: 'deny' }) => {
      this.openHandler = handler;
    },
    on: (event: string, listener: Listener) => {
      this.listeners.set(event, listener);
    },
  };
}

function setUp() {
  const windows: FakeWindow[] = [];
  let requestFilter: ((details: { url: string }, callback: (response: { cancel: boolean }) => void) => void) | null =
    null;
  const calls: string[] = [];
  const session = {
    enableNetworkEmulation: (options: { offline: boolean }) => calls.push(`offline=${options.offline}`),
    setPermissionRequestHandler: (handler: (a: unknown, b: unknown, cb: (granted: boolean) => void) => void) =>
      handler(null, 'media', (granted) => calls.push(`permission=${granted}`)),
    webRequest: {
      onBeforeRequest: (filter: typeof requestFilter) => {
        requestFilter = filter;
      },
    },
  } as unknown as PrintSession;
  const tempDir = mkdtempSync(join(tmpdir(), 'balcao-print-'));
  const printer = new ElectronPdfPrinter({
    session,
    tempDir,
    createWindow: (options) => {
      const window = new FakeWindow(options);
      windows.push(window);
      return window;
    },
  });
  const allowed = (url: string) => {
    let cancel = true;
    requestFilter?.({ url }, (response) => (cancel = response.cancel));
    return !cancel;
  };
  return { printer, windows, calls, allowed, tempDir };
}

describe('the Electron printer (with a stand-in BrowserWindow)', () => {
  it('prints in a hidden, sandboxed window with JavaScript off and no preload, on an offline session that denies permissions', async () => {
    const { printer, windows, calls } = setUp();
    const pdf = await printer.print('<!doctype html><p>Olá</p>');
    expect(new TextDecoder().decode(pdf)).toBe('%PDF-1.7 fake');
    const prefs = windows[0].options.webPreferences!;
    expect(windows[0].options.show).toBe(false);
    expect(prefs.javascript).toBe(false);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.preload).toBeUndefined();
    expect(calls).toEqual(['offline=true', 'permission=false']);
    expect(windows[0].openHandler?.()).toEqual({ action: 'deny' });
    let prevented = false;
    windows[0].listeners.get('will-navigate')?.({ preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
    expect(windows[0].printed[0]).toMatchObject({ preferCSSPageSize: true, printBackground: true, pageSize: 'A4' });
  });

  it('lets through only data: URLs and the document being printed; everything else is cancelled', async () => {
    const { printer, windows, allowed, tempDir } = setUp();
    let seenDuringLoad: Record<string, boolean> = {};
    const window = (await printer.print('<p>1</p>'), windows[0]);
    window.loadFile = async (path: string) => {
      seenDuringLoad = {
        self: allowed(pathToFileURL(path).href),
        font: allowed('data:font/woff2;base64,AAAA'),
        remote: allowed('https://example.com/x.png'),
        otherFile: allowed(pathToFileURL(join(tempDir, 'other.html')).href),
      };
    };
    await printer.print('<p>2</p>');
    expect(seenDuringLoad).toEqual({ self: true, font: true, remote: false, otherFile: false });
    expect(allowed('https://example.com/')).toBe(false);
  });

  it('reuses one window across jobs, removes each temporary document, and closes the window on dispose', async () => {
    const { printer, windows, tempDir } = setUp();
    await Promise.all([printer.print('<p>a</p>'), printer.print('<p>b</p>'), printer.print('<p>c</p>')]);
    expect(windows).toHaveLength(1);
    expect(windows[0].loaded).toEqual(['<p>a</p>', '<p>b</p>', '<p>c</p>']);
    expect(readdirSync(tempDir)).toEqual([]);
    await printer.dispose();
    expect(windows[0].destroyed).toBe(true);
  });

  it('a renderer crash is CHROMIUM_CRASHED, and the next job gets a new window', async () => {
    const { printer, windows, tempDir } = setUp();
    await printer.print('<p>warm</p>');
    windows[0].crashOnPrint = true;
    const error = await printer.print('<p>boom</p>').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('CHROMIUM_CRASHED');
    await printer.print('<p>again</p>');
    expect(windows).toHaveLength(2);
    expect(existsSync(tempDir) && readdirSync(tempDir)).toEqual([]);
  });
});
