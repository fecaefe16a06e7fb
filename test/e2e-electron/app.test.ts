import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, type ElectronApplication, type Page } from 'playwright-core';
import { findElectronApp } from './electron-app';

const found = findElectronApp();
const reason = 'reason' in found ? found.reason : null;
if (reason) console.warn(`[e2e-electron] skipped: ${reason}`);

describe.skipIf(reason !== null)(`the packaged app${reason ? ` — skipped: ${reason}` : ''}`, () => {
  let app: ElectronApplication;
  let window: Page;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'balcao-electron-'));
    app = await electron.launch({
      executablePath: (found as { executable: string }).executable,
      env: { ...process.env, BALCAO_DATA_DIR: dataDir },
    });
    window = await app.firstWindow();
  });

  afterAll(async () => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('opens one sandboxed window on app://balcao with no Node in the renderer, in pt-BR', async () => {
    await expect.poll(() => window.getByTestId('app-version').textContent()).toMatch(/^versão \d+\.\d+\.\d+/);
    expect(window.url()).toMatch(/^app:\/\/balcao\//);
    expect(await window.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    expect(await window.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');
    expect(await window.evaluate(() => Object.keys((window as unknown as { api: object }).api).sort())).toEqual([
      'invoke',
      'subscribe',
    ]);
    expect(await app.evaluate(({ app: electronApp }) => electronApp.getLocale())).toBe('pt-BR');
    await window.screenshot({ path: 'test-results/electron-frame.png' });
  });

  it('keeps DevTools closed in a packaged app, even when asked to open them', async () => {
    const opened = await app.evaluate(async ({ BrowserWindow }) => {
      const [main] = BrowserWindow.getAllWindows();
      main!.webContents.openDevTools();
      await new Promise((resolve) => setTimeout(resolve, 500));
      return main!.webContents.isDevToolsOpened();
    });
    expect(opened).toBe(false);
  });

  it('refuses navigation away, new windows and opening the renderer’s URLs in the browser', async () => {
    await app.evaluate(({ shell }) => {
      const opened: string[] = [];
      (globalThis as { opened?: string[] }).opened = opened;
      shell.openExternal = async (url: string) => void opened.push(url);
    });
    expect(await window.evaluate(() => globalThis.open('https://example.com/') === null)).toBe(true);
    await window.evaluate(() => (globalThis.location.href = 'https://example.com/')).catch(() => {});
    await window.evaluate(() => (globalThis.location.href = 'http://localhost:5173.evil/')).catch(() => {});
    expect(window.url()).toMatch(/^app:\/\/balcao\//);
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
    expect(await app.evaluate(() => (globalThis as { opened?: string[] }).opened)).toEqual([]);
  });

  it('opens the demo store, syncs it and opens an order', async () => {
    await window.getByTestId('try-demo').click();
    await window.getByTestId('store-switcher').waitFor();
    await window.getByTestId('orders-table').locator('tbody tr').first().waitFor({ timeout: 90_000 });
    await window.getByTestId('orders-table').locator('tbody tr').first().click();
    const panel = window.getByTestId('order-detail');
    await panel.getByRole('heading', { name: /^Pedido #\d+/ }).waitFor();
    expect(await panel.textContent()).toMatch(/R\$\s?\d/);
    await window.screenshot({ path: 'test-results/electron-order.png' });
  });

  it('exports the open order as a PDF through the save dialog and the dispatcher', async () => {
    // Native dialogs cannot be driven: the save dialog answers with a path of the test's own.
    const target = join(mkdtempSync(join(tmpdir(), 'balcao-electron-export-')), 'order.pdf');
    await app.evaluate(({ dialog }, filePath) => {
      dialog.showSaveDialog = (async () => ({ canceled: false, filePath })) as typeof dialog.showSaveDialog;
    }, target);
    await window.getByTestId('order-detail').getByTestId('export-order-pdf').click();
    await expect.poll(() => existsSync(target) && statSync(target).size > 0, { timeout: 60_000 }).toBe(true);
    expect(readFileSync(target).subarray(0, 4).toString('latin1')).toBe('%PDF');
  });

  it('keeps its data in its own folder, closed to others, and quits cleanly', async () => {
    expect(existsSync(join(dataDir, 'balcao.db'))).toBe(true);
    if (process.platform !== 'win32') expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    const exited = new Promise<number | null>((resolve) => app.process().once('exit', (code) => resolve(code)));
    await app.close();
    expect(await exited).toBe(0);
    // The database was closed (WAL checkpointed) rather than abandoned.
    const wal = join(dataDir, 'balcao.db-wal');
    expect(!existsSync(wal) || statSync(wal).size === 0).toBe(true);
  });
});
