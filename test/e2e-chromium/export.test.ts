import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Browser, Page } from 'playwright-core';
import { BridgeDownloads } from '../../src/dev/bridge-downloads';
import { startBridge, type Bridge } from '../../src/dev/bridge-server';
import { createTestCore, type TestCore } from '../helpers/core';
import { chromiumAvailable, launchChromium, screenshotPath } from '../helpers/chromium';
import { ensureRendererBuilt } from '../helpers/renderer-build';
import { pdfText } from '../export/pdf-tools';

const inTestKeyring = process.env['BALCAO_TEST_KEYRING'] === '1';

// Export as a merchant reaches it in the preview: buttons on the order, a selection and the Exportar menu on the
// list; the main process writes the file and the browser downloads it once.
describe.skipIf(!chromiumAvailable || !inTestKeyring)('export from the UI (Chromium, bridge, real core)', () => {
  let core: TestCore;
  let downloads: BridgeDownloads;
  let bridge: Bridge;
  let browser: Browser;
  let page: Page;
  const saved = mkdtempSync(join(tmpdir(), 'balcao-e2e-export-'));

  beforeAll(async () => {
    ensureRendererBuilt();
    downloads = new BridgeDownloads();
    core = createTestCore({ exportShell: downloads.shell });
    bridge = await startBridge({
      dispatch: core.dispatch,
      events: core.events,
      staticDir: resolve('out/renderer'),
      downloads,
    });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1360, height: 860 }, acceptDownloads: true });
    await page.goto(bridge.appUrl);
  });

  afterAll(async () => {
    await browser?.close();
    await bridge?.close();
    await core?.dispose();
  });

  /** Clicks, waits for the browser's download and keeps it under a name of our own. */
  async function downloadBy(click: () => Promise<void>, name: string): Promise<{ path: string; suggested: string }> {
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), click()]);
    const path = join(saved, name);
    await download.saveAs(path);
    return { path, suggested: download.suggestedFilename() };
  }

  it('downloads the open order as a PDF from its panel', async () => {
    await page.getByTestId('try-demo').click();
    await expect
      .poll(() => page.getByTestId('orders-pager').getByTestId('range').textContent(), { timeout: 60_000 })
      .toMatch(/^1–100 de 300$/);
    const row = page.getByTestId('orders-table').locator('tbody tr').first();
    const number = ((await row.locator('.row-link').textContent()) ?? '').replace('#', '').trim();
    await row.locator('.row-link').click();
    await page.getByTestId('export-order-pdf').waitFor();
    await page.screenshot({ path: screenshotPath('export-order-panel') });
    const { path, suggested } = await downloadBy(() => page.getByTestId('export-order-pdf').click(), 'order.pdf');
    expect(suggested).toBe(`pedido-${number}.pdf`);
    const text = pdfText(path);
    expect(text).toContain(`Pedido nº ${number}`);
    expect(text).toMatch(/R\$\s?[\d.]+,\d\d/);
    await expect.poll(() => page.getByTestId('export-done').textContent()).toBe(`Baixado: pedido-${number}.pdf`);
    await page.screenshot({ path: screenshotPath('export-notice-done') });
    // The download is served once.
    const again = await fetch(`${bridge.url}/__bridge/download/x?token=${bridge.token}`);
    expect(again.status).toBe(404);
    await page.keyboard.press('Escape');
  });

  it('selects rows with a click and a Shift+click, and exports them as a report and a CSV', async () => {
    const rows = page.getByTestId('orders-table').locator('tbody tr');
    const numbers = await rows.locator('.row-link').allTextContents();
    await rows.nth(0).getByTestId('row-select').click();
    await rows
      .nth(2)
      .getByTestId('row-select')
      .click({ modifiers: ['Shift'] });
    await expect.poll(() => page.getByTestId('selection-count').textContent()).toBe('3 selecionados');
    await page.getByTestId('export-menu').click();
    await page.screenshot({ path: screenshotPath('export-menu-open') });

    const report = await downloadBy(() => page.getByTestId('export-report').click(), 'report.pdf');
    expect(report.suggested).toBe('relatorio-de-pedidos.pdf');
    const text = pdfText(report.path);
    expect(text).toContain('Seleção de 3 pedidos');
    for (const number of numbers.slice(0, 3)) expect(text).toContain(number.replace('#', '').trim());

    await page.getByTestId('export-menu').click();
    const csv = await downloadBy(() => page.getByTestId('export-orders-csv').click(), 'orders.csv');
    const records = parse(readFileSync(csv.path), { bom: true, delimiter: ';', columns: true }) as Record<
      string,
      string
    >[];
    expect(records.map((r) => `#${r['Pedido']}`).sort()).toEqual(
      numbers
        .slice(0, 3)
        .map((n) => n.trim())
        .sort(),
    );
  });

  it('marks the selection reviewed in one go', async () => {
    await page.getByTestId('bulk-reviewed').click();
    await expect.poll(() => page.getByTestId('orders-notice').textContent()).toBe('Marcas atualizadas em 3 pedidos.');
    const marks = page.getByTestId('orders-table').locator('tbody tr').getByTestId('row-marks');
    for (const index of [0, 1, 2])
      await expect.poll(() => marks.nth(index).locator('svg.reviewed').count()).toBeGreaterThan(0);
    await expect.poll(() => marks.nth(3).locator('svg.reviewed').count()).toBe(0);
    await page.screenshot({ path: screenshotPath('export-selection-marked') });
  });

  it('offers every order of the filter once the page is selected', async () => {
    await page.getByTestId('selection-clear').click();
    await page.getByTestId('select-page').check();
    await page.getByTestId('select-all-filter').click();
    await expect.poll(() => page.getByTestId('selection-count').textContent()).toBe('300 selecionados');
    await page.screenshot({ path: screenshotPath('export-select-all') });
    await page.getByTestId('selection-clear').click();
  });

  it('keeps the sender typed in Configurações and prints it on the content declaration', async () => {
    await page.getByRole('navigation').getByRole('button', { name: 'Configurações' }).click();
    const form = page.getByTestId('sender-form');
    await expect.poll(() => form.locator('input[name=name]').inputValue()).toBe('Loja de demonstração');
    await form.locator('input[name=name]').fill('Ateliê Aurora Ltda');
    await form.locator('input[name=taxId]').fill('12.345.678/0001-95');
    await form.locator('input[name=city]').fill('Belo Horizonte');
    await form.locator('input[name=uf]').fill('mg');
    await form.getByRole('button', { name: 'Salvar remetente' }).click();
    await expect.poll(() => form.getByTestId('sender-status').textContent()).toBe('Remetente salvo.');
    await form.screenshot({ path: screenshotPath('export-sender-form') });

    await page.getByRole('navigation').getByRole('button', { name: 'Pedidos' }).click();
    await page.getByTestId('orders-table').locator('tbody tr').first().locator('.row-link').click();
    const declaration = await downloadBy(() => page.getByTestId('export-declaration').click(), 'declaration.pdf');
    const text = pdfText(declaration.path);
    expect(text).toContain('Ateliê Aurora Ltda');
    expect(text).toContain('Belo Horizonte');
    await page.keyboard.press('Escape');
  });

  it('prints the open order with Ctrl+P, and the Exportar menu works from the keyboard', async () => {
    const row = page.getByTestId('orders-table').locator('tbody tr').nth(1);
    const number = ((await row.locator('.row-link').textContent()) ?? '').replace('#', '').trim();
    await row.locator('.row-link').click();
    await page.getByTestId('export-order-pdf').waitFor();
    const printed = await downloadBy(() => page.keyboard.press('Control+P'), 'ctrl-p.pdf');
    expect(printed.suggested).toBe(`pedido-${number}.pdf`);
    expect(pdfText(printed.path)).toContain(`Pedido nº ${number}`);
    await page.keyboard.press('Escape');

    await page.getByTestId('export-menu').focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe('export-report');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('export-slips');
    // Letters in the menu are not the list's shortcuts: 'r' must not mark the order under the cursor.
    await page.keyboard.press('r');
    await page.keyboard.press('Escape');
    expect(await page.getByTestId('export-report').count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('export-menu');
    await expect
      .poll(() =>
        page
          .getByTestId('orders-table')
          .locator('tbody tr')
          .nth(1)
          .getByTestId('row-marks')
          .locator('svg.reviewed')
          .count(),
      )
      .toBe(1);
  });

  it('shows the progress of a batch and cancels it, leaving no download', async () => {
    let downloaded = false;
    page.on('download', () => (downloaded = true));
    await page.getByTestId('export-menu').click();
    await page.getByTestId('export-declarations').click();
    await expect.poll(() => page.getByTestId('export-progress').textContent(), { timeout: 30_000 }).toMatch(/ de 300$/);
    await page.getByTestId('export-notice').screenshot({ path: screenshotPath('export-notice-running') });
    await page.getByTestId('export-cancel').click();
    await expect
      .poll(() => page.getByTestId('export-notice').textContent(), { timeout: 60_000 })
      .toContain('Exportação cancelada; nenhum arquivo foi gravado.');
    expect(downloaded).toBe(false);
  });
});
