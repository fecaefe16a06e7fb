import { randomBytes } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserWindowConstructorOptions, PrintToPDFOptions, Session } from 'electron';
import { AppError } from './core/base/app-error';
import { PRINT_OPTIONS, type PdfPrinter } from './core/export/printer';

/** The parts of a BrowserWindow the printer uses (a stand-in in tests, where Electron's binary is absent). */
export interface PrintWindow {
  loadFile(path: string): Promise<void>;
  isDestroyed(): boolean;
  destroy(): void;
  webContents: {
    printToPDF(options: PrintToPDFOptions): Promise<Buffer>;
    setWindowOpenHandler(handler: () => { action: 'deny' }): void;
    on(event: 'will-navigate', listener: (event: { preventDefault(): void }) => void): void;
    on(event: 'render-process-gone', listener: (event: unknown, details: { reason: string }) => void): void;
  };
}

export type PrintSession = Pick<Session, 'enableNetworkEmulation' | 'setPermissionRequestHandler'> & {
  webRequest: Pick<Session['webRequest'], 'onBeforeRequest'>;
};

export interface ElectronPrinterDeps {
  createWindow(options: BrowserWindowConstructorOptions): PrintWindow;
  /** A private in-memory session (e.g. `session.fromPartition('balcao-print')`), used for nothing else. */
  session: PrintSession;
  /** Where documents are written to be loaded from; the OS temp folder by default. */
  tempDir?: string;
}

/**
 * Prints in the app with Electron's own Chromium: a hidden window, JavaScript
 * off, sandboxed, no preload, on a session that is offline and refuses every
 * request but the document's own file (fonts are data: URIs). The window is
 * made on the first job, reused, and closed on dispose; jobs run one at a time.
 */
export class ElectronPdfPrinter implements PdfPrinter {
  private window: PrintWindow | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private sessionReady = false;
  private crashed: ((reason: string) => void) | null = null;

  constructor(private readonly deps: ElectronPrinterDeps) {}

  private lockDownSession(): void {
    if (this.sessionReady) return;
    const { session } = this.deps;
    session.enableNetworkEmulation({ offline: true });
    session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
    session.webRequest.onBeforeRequest((details, callback) => {
      const allowed = details.url.startsWith('data:') || this.loading === details.url;
      callback({ cancel: !allowed });
    });
    this.sessionReady = true;
  }

  /** The file URL being loaded: the only URL the session lets through. */
  private loading: string | null = null;

  private open(): PrintWindow {
    if (this.window && !this.window.isDestroyed()) return this.window;
    this.lockDownSession();
    const window = this.deps.createWindow({
      show: false,
      width: 794,
      height: 1123,
      webPreferences: {
        javascript: false,
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
        webSecurity: true,
        spellcheck: false,
        session: this.deps.session as Session,
      },
    });
    window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
    window.webContents.on('will-navigate', (event) => event.preventDefault());
    window.webContents.on('render-process-gone', (_event, details) => {
      this.window = null;
      this.crashed?.(details.reason);
    });
    this.window = window;
    return window;
  }

  print(html: string): Promise<Uint8Array> {
    const job = this.queue.then(() => this.printNow(html));
    this.queue = job.catch(() => undefined);
    return job;
  }

  private async printNow(html: string): Promise<Uint8Array> {
    const path = join(this.deps.tempDir ?? tmpdir(), `balcao-print-${randomBytes(8).toString('hex')}.html`);
    await writeFile(path, html, { mode: 0o600 });
    const gone = new Promise<never>((_resolve, reject) => {
      this.crashed = (reason) =>
        reject(new AppError('CHROMIUM_CRASHED', `The print window's renderer stopped (${reason}).`));
    });
    try {
      const window = this.open();
      this.loading = pathToFileURL(path).href;
      const printed = (async () => {
        await window.loadFile(path);
        return window.webContents.printToPDF({ ...PRINT_OPTIONS, pageSize: 'A4' });
      })();
      const pdf = await Promise.race([printed, gone]);
      return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new AppError('CHROMIUM_CRASHED', 'The print window failed to print.', { cause: error });
    } finally {
      this.crashed = null;
      this.loading = null;
      await rm(path, { force: true });
    }
  }

  async dispose(): Promise<void> {
    await this.queue;
    if (this.window && !this.window.isDestroyed()) this.window.destroy();
    this.window = null;
  }
}
