import { chromium, type CDPSession } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChromiumPrinter, PRINTER_ARGS } from '../../src/main/core/export/chromium-printer';
import { html } from '../../src/main/core/export/html';
import { documentHtml } from '../../src/main/core/export/page';
import { PRINT_OPTIONS } from '../../src/main/core/export/printer';
import { CHROMIUM_PATH, chromiumAvailable, launchChromium } from '../helpers/chromium';

const ctx = {
  locale: 'pt-BR' as const,
  store: { name: 'Loja Aurora', timeZone: 'America/Sao_Paulo' },
  generatedAt: new Date('2025-01-02T03:04:05Z'),
};
const doc = documentHtml({
  title: 'Pedido',
  ctx,
  body: html`<section class="doc">
    <h1>Pedido nº 1042</h1>
    <p>Ação ŁĄ</p>
  </section>`,
});

describe.skipIf(!chromiumAvailable)('what Chromium does with a document before printing it', () => {
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('lays nothing of the document out on screen, yet every face has loaded by the load event', async () => {
    const page = await browser.newPage();
    await page.setContent(doc, { waitUntil: 'load' });
    const screen = await page.evaluate(() => ({
      sectionShown: document.querySelector('section')!.getClientRects().length > 0,
      faces: [...document.fonts].map((face) => `${face.weight} ${face.status}`).sort(),
    }));
    expect(screen.sectionShown).toBe(false);
    // Two weights, each in the latin and latin-ext subsets.
    expect(screen.faces).toEqual(['400 loaded', '400 loaded', '700 loaded', '700 loaded']);
    await page.emulateMedia({ media: 'print' });
    expect(await page.evaluate(() => document.querySelector('section')!.getClientRects().length > 0)).toBe(true);
    await page.close();
  });
});

describe.skipIf(!chromiumAvailable)("the printer's Chromium", () => {
  it('runs the document alone, without the browser UI pages headless Chromium loads beside it', async () => {
    expect(PRINTER_ARGS.filter((arg) => arg.startsWith('--disable-features=')).length).toBe(1);
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: PRINTER_ARGS });
    try {
      const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
      const page = await context.newPage();
      await page.setContent(doc, { waitUntil: 'load' });
      expect((await page.pdf({ preferCSSPageSize: PRINT_OPTIONS.preferCSSPageSize })).length).toBeGreaterThan(0);
      const cdp = await browser.newBrowserCDPSession();
      const { targetInfos } = await cdp.send('Target.getTargets');
      expect(targetInfos.map((target) => `${target.type} ${target.url}`)).toEqual(['page about:blank']);
    } finally {
      await browser.close();
    }
  });

  it('lets go of a printed document once the next one is printed', async () => {
    const printer = new ChromiumPrinter();
    try {
      await printer.print(`<!doctype html><body>${'<p>x</p>'.repeat(20_000)}</body>`);
      await printer.print('<!doctype html><body><p>small</p></body>');
      // The printer's own page session (private): its DOM counters say which nodes Chromium still holds.
      const { devtools } = await (printer as unknown as { session: Promise<{ devtools: CDPSession }> }).session;
      const counters = await devtools.send('Memory.getDOMCounters');
      expect(counters.nodes).toBeLessThan(100);
    } finally {
      await printer.dispose();
    }
  });
});
