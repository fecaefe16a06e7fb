import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { AppError } from '../base/app-error';
import { PRINT_OPTIONS, type PdfPrinter } from './printer';

/** Where the CLI, the preview and the tests find Chromium: never downloaded, only found. */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  return env['BALCAO_CHROMIUM'] || '/usr/bin/chromium';
}

/** Flags that keep a headless Chromium off the network and quiet; the e2e tests launch theirs with the same. */
export const CHROMIUM_ARGS = [
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-extensions',
];

/**
 * Features the printer's Chromium runs without. Headless Chromium is the whole browser: it loads the address bar's
 * suggestion popup (chrome://omnibox-popup.top-chrome, two Lit pages and their scripts) beside the page, which in
 * one process is ~50 MB of the printer's memory (measured: 308–318 MB PSS at rest with it, 259–261 MB without).
 * Chromium keeps only the last `--disable-features`, so the list repeats the ones playwright-core passes by default
 * (its chromiumSwitches) that keep a browser off the network and quiet on close.
 */
const PRINTER_DISABLED_FEATURES = [
  'WebUIOmniboxPopup',
  'WebUIOmniboxAimPopup',
  'WebUIOmniboxFullPopup',
  'PreloadTopChromeWebUI',
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
];

/**
 * The printer's Chromium runs as one process (no zygote, no separate GPU, network, storage or renderer
 * processes) in low-end-device mode (smaller caches, memory given back sooner). Measured on a 10,000-order
 * report through the CLI (BENCHMARKS.md, Export): Chromium's peak fell from ten processes, ~560 MB PSS and
 * ~1.3 GB RSS summed to one process of ~380 MB. Chromium calls single-process mode unsupported; it serves
 * here because the page is our own HTML with JavaScript off and the network offline, and a crash is
 * CHROMIUM_CRASHED, the next job starting a fresh browser. `--no-sandbox`: Chromium's own sandbox needs user
 * namespaces, absent in many containers; the page runs no script anyway. `--disable-software-rasterizer`: with the
 * GPU off Chromium would load SwiftShader to draw on screen; a PDF is drawn by Skia's PDF backend without it, and
 * Chromium's own memory is ~10 MB lower (the same pages, pixel for pixel).
 */
export const PRINTER_ARGS = [
  '--no-sandbox',
  '--single-process',
  '--no-zygote',
  '--enable-low-end-device-mode',
  '--disable-software-rasterizer',
  `--disable-features=${PRINTER_DISABLED_FEATURES.join(',')}`,
  ...CHROMIUM_ARGS,
];

interface Session {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** The page's DevTools session, to collect the garbage a printed document leaves. */
  devtools: CDPSession;
}

/**
 * Prints with a headless Chromium started on the first job and reused for the
 * next ones: one page, with JavaScript off and the network offline, whose
 * content is replaced per document.
 */
export class ChromiumPrinter implements PdfPrinter {
  private readonly executablePath: string;
  private session: Promise<Session> | null = null;

  constructor(options: { executablePath?: string } = {}) {
    this.executablePath = options.executablePath ?? chromiumPath();
  }

  private open(): Promise<Session> {
    if (!this.session) {
      const session = this.launch();
      this.session = session;
      session.catch(() => {
        if (this.session === session) this.session = null;
      });
    }
    return this.session;
  }

  private async launch(): Promise<Session> {
    if (!existsSync(this.executablePath))
      throw new AppError(
        'CHROMIUM_MISSING',
        `Chromium not found at ${this.executablePath}: install it (Debian/Ubuntu: apt-get install chromium) or set BALCAO_CHROMIUM.`,
      );
    let browser: Browser;
    try {
      browser = await chromium.launch({
        executablePath: this.executablePath,
        args: PRINTER_ARGS,
      });
    } catch (error) {
      throw new AppError('CHROMIUM_MISSING', `Chromium at ${this.executablePath} could not start.`, { cause: error });
    }
    browser.on('disconnected', () => {
      this.session = null;
    });
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true, serviceWorkers: 'block' });
    const page = await context.newPage();
    return { browser, context, page, devtools: await context.newCDPSession(page) };
  }

  async print(html: string): Promise<Uint8Array> {
    const { page, devtools } = await this.open();
    try {
      await page.setContent(html, { waitUntil: 'load' });
      // The document this one replaced is garbage from here on; Chromium collected it only later, so it was still
      // held while this one was laid out for print. Collected first (sent ahead of the print, on the same renderer
      // thread, not awaited), Chromium's own memory at its peak on the parts of a 10,000-order report is ~45 MB
      // lower (BENCHMARKS.md, Export).
      devtools.send('HeapProfiler.collectGarbage').catch(() => undefined);
      return await page.pdf({
        preferCSSPageSize: PRINT_OPTIONS.preferCSSPageSize,
        printBackground: PRINT_OPTIONS.printBackground,
        tagged: PRINT_OPTIONS.generateTaggedPDF,
      });
    } catch (error) {
      throw new AppError('CHROMIUM_CRASHED', 'Chromium stopped while printing.', { cause: error });
    }
  }

  async dispose(): Promise<void> {
    const session = this.session;
    this.session = null;
    if (!session) return;
    const opened = await session.catch(() => null);
    await opened?.browser.close().catch(() => undefined);
  }
}
