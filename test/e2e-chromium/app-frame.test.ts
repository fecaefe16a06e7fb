import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startBridge, type Bridge } from '../../src/dev/bridge-server';
import { createTestCore, type TestCore } from '../helpers/core';
import { chromiumAvailable, launchChromium, screenshotPath, CHROMIUM_PATH } from '../helpers/chromium';
import { ensureRendererBuilt } from '../helpers/renderer-build';

// The real renderer (out/renderer, built when stale) in real Chromium,
// wired to the real core through the HTTP bridge.
describe.skipIf(!chromiumAvailable)(`app frame in Chromium (${CHROMIUM_PATH})`, () => {
  let core: TestCore;
  let bridge: Bridge;
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    ensureRendererBuilt();
    core = createTestCore();
    bridge = await startBridge({ dispatch: core.dispatch, events: core.events, staticDir: resolve('out/renderer') });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1200, height: 760 }, colorScheme: 'light' });
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
    await page.goto(bridge.appUrl);
  });

  afterAll(async () => {
    await browser?.close();
    await bridge?.close();
    await core?.dispose();
  });

  it('shows the frame in Portuguese with the version from app.info', async () => {
    await expect.poll(() => page.getByTestId('app-version').textContent()).toBe('versão 9.8.7-test');
    const nav = page.getByRole('navigation');
    for (const label of ['Pedidos', 'Clientes', 'Painel', 'Configurações']) {
      expect(await nav.getByRole('button', { name: label }).isVisible()).toBe(true);
    }
    expect(await page.locator('html').getAttribute('lang')).toBe('pt-BR');
    // The token travels in the fragment once and is then removed from the address bar.
    expect(page.url()).not.toContain(bridge.token);
    await page.screenshot({ path: screenshotPath('frame-pt-BR-light') });
  });

  it('switches to English and to the dark theme from Configurações', async () => {
    await page.getByRole('button', { name: 'Configurações' }).click();
    expect(await page.getByTestId('about-version').textContent()).toBe('9.8.7-test');
    await page.getByTestId('locale-select').selectOption('en');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Settings');
    expect(await page.getByTestId('app-version').textContent()).toBe('version 9.8.7-test');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');

    await page.getByLabel('Dark').check();
    expect(await page.locator('html').getAttribute('data-theme')).toBe('dark');
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe('rgb(18, 22, 28)');
    await page.screenshot({ path: screenshotPath('settings-en-dark') });
  });

  it('keeps the choices after a reload and follows the OS theme when set to system', async () => {
    await page.reload();
    await expect.poll(() => page.getByTestId('app-version').textContent()).toBe('version 9.8.7-test');
    expect(await page.locator('html').getAttribute('data-theme')).toBe('dark');

    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByLabel('Follow the system').check();
    await page.emulateMedia({ colorScheme: 'light' });
    await expect.poll(() => page.locator('html').getAttribute('data-theme')).toBe('light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(() => page.locator('html').getAttribute('data-theme')).toBe('dark');
  });

  it('shows connectivity events pushed by the core', async () => {
    core.events.emit('connectivity.changed', { state: 'offline', since: new Date().toISOString() });
    await expect.poll(() => page.getByTestId('connectivity').textContent()).toContain('Offline');
    await page.screenshot({ path: screenshotPath('offline-badge-dark') });
  });

  it('ran under the CSP without console errors', () => {
    expect(consoleErrors).toEqual([]);
  });
});
