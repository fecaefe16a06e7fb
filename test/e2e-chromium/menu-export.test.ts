import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCore, type TestCore } from '../helpers/core';
import { chromiumAvailable } from '../helpers/chromium';
import { openApp, type AppSession } from '../helpers/app-session';

const inTestKeyring = process.env['BALCAO_TEST_KEYRING'] === '1';

// The app menu's Arquivo › Exportar… lives in the main process: it emits `shell.command` on the core's events, as
// src/main/index.ts does, and the renderer opens the order list's Exportar menu.
describe.skipIf(!chromiumAvailable || !inTestKeyring)('Arquivo › Exportar… (Chromium, bridge, real core)', () => {
  let core: TestCore;
  let app: AppSession;

  beforeAll(async () => {
    core = createTestCore();
    app = await openApp(core);
  });

  afterAll(async () => {
    await app?.close();
    await core?.dispose();
  });

  it('opens the Exportar menu on the Pedidos screen from another screen', async () => {
    const { page } = app;
    await page.getByTestId('try-demo').click();
    await page.getByTestId('orders-table').waitFor({ timeout: 60_000 });
    await page.getByRole('navigation').getByRole('button', { name: 'Painel' }).click();
    await expect.poll(() => page.getByTestId('orders-table').count()).toBe(0);
    expect(await page.getByTestId('export-report').count()).toBe(0);

    core.events.emit('shell.command', { command: 'export' });

    await page.getByTestId('export-report').waitFor();
    // The menu opens at once; the list's rows follow when its page is read.
    await expect.poll(() => page.getByTestId('orders-table').count()).toBe(1);
    expect(await page.getByTestId('export-menu').getAttribute('aria-expanded')).toBe('true');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe('export-report');
  });
});
