import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeOrderPage } from '../../src/main/core/db';
import { dispatchTyped } from '../../src/main/core/ipc/dispatcher';
import { normalizeOrder } from '../../src/main/core/normalize';
import { createMemorySecretStore } from '../../src/main/core/secrets/memory-secret-store';
import type { Locale } from '../../src/shared/i18n/messages';
import { openApp, type AppSession } from '../helpers/app-session';
import { axeViolations as violations, type Violation } from '../helpers/axe';
import { chromiumAvailable, screenshotPath } from '../helpers/chromium';
import { createTestCore, type TestCore } from '../helpers/core';

const LONG_NAME = 'Loja Comprida '.repeat(80_000);
/** An RTL override that, outside its own context, would reorder the rest of the line. */
const RTL_NAME = 'Cliente \u202Eanilorac\u202C fim';

let welcome: TestCore;
let core: TestCore;
let storeId: string;

/** Two orders as a sync would write them from the API: one with a 1 MB customer name, one with an RTL override. */
async function addHostileOrders(): Promise<void> {
  const list = await dispatchTyped(core.dispatch, 'orders.list', { storeId, query: { limit: 1 } });
  if (!list.ok) throw new Error('no order to copy');
  const first = list.value.rows[0]!;
  const detail = await dispatchTyped(core.dispatch, 'orders.get', { storeId, orderId: first.id });
  if (!detail.ok) throw new Error('no order detail');
  const zone = (await core.stores.list()).find((s) => s.id === storeId)!.timeZone;
  const raws = [LONG_NAME, RTL_NAME].map((name, i) => {
    const raw = structuredClone(detail.value.raw) as Record<string, unknown>;
    raw['id'] = 9_000_001 + i;
    raw['number'] = 9_000_001 + i;
    const customer = raw['customer'] as { data: Record<string, unknown> } | undefined;
    raw['customer'] = { data: { ...(customer?.data ?? {}), id: 9_100_001 + i, name } };
    raw['customer_id'] = 9_100_001 + i;
    return raw;
  });
  const orders = raws.map((raw) => normalizeOrder(raw, { storeId, storeZone: zone }).order!);
  writeOrderPage(core.db, storeId, orders, raws, [], null);
}

const COMBOS: { locale: Locale; theme: 'light' | 'dark' }[] = [
  { locale: 'pt-BR', theme: 'light' },
  { locale: 'pt-BR', theme: 'dark' },
  { locale: 'en', theme: 'light' },
  { locale: 'en', theme: 'dark' },
];

describe.skipIf(!chromiumAvailable)('every screen has no axe-core violation, light and dark, pt-BR and en', () => {
  beforeAll(async () => {
    welcome = createTestCore({ secrets: createMemorySecretStore(), checkIntegrity: false });
    core = createTestCore({ secrets: createMemorySecretStore(), checkIntegrity: false });
    const demo = await dispatchTyped(core.dispatch, 'stores.addDemo');
    if (!demo.ok) throw new Error('the demo store was not added');
    storeId = demo.value.id;
    expect((await core.sync.run(storeId, 'auto')).ok).toBe(true);
    await addHostileOrders();
  });

  afterAll(async () => {
    await welcome?.dispose();
    await core?.dispose();
  });

  const CHECK_SIZE = { width: 1280, height: 820 };
  const SHOT_SIZES = [
    { width: 1024, height: 700 },
    { width: 1920, height: 1080 },
  ];

  for (const { locale, theme } of COMBOS) {
    it(`${locale}, ${theme}`, async () => {
      const found: Record<string, Violation[]> = {};
      const check = async (app: AppSession, screen: string) => {
        // Shot at the smallest and a large screen the app is made for; checked at the size it was opened at.
        for (const { width, height } of SHOT_SIZES) {
          await app.page.setViewportSize({ width, height });
          await app.page.screenshot({ path: screenshotPath(`a11y-${screen}-${locale}-${theme}-${width}`) });
        }
        await app.page.setViewportSize(CHECK_SIZE);
        const v = await violations(app.page);
        if (v.length > 0) found[screen] = v;
      };
      const open = async (target: TestCore) => {
        const app = await openApp(target, { locale, viewport: CHECK_SIZE });
        await app.page.evaluate((chosen) => localStorage.setItem('balcao.theme', chosen), theme);
        await app.page.reload();
        await expect.poll(() => app.page.locator('html').getAttribute('data-theme')).toBe(theme);
        return app;
      };
      const nav = (app: AppSession, index: number) =>
        app.page.getByRole('navigation').getByRole('button').nth(index).click();

      const first = await open(welcome);
      try {
        await first.page.getByTestId('try-demo').waitFor();
        await check(first, 'welcome');
      } finally {
        await first.close();
      }

      const app = await open(core);
      try {
        const page = app.page;
        const table = page.getByTestId('orders-table');
        await table.locator('tbody tr').first().waitFor();
        await table.locator('tbody tr').first().click();
        await page.getByTestId('order-detail').getByRole('heading').first().waitFor();
        await check(app, 'orders-detail');
        await page.keyboard.press('Escape');
        await page.getByTestId('export-menu').first().click();
        await page.getByRole('menu').waitFor();
        await check(app, 'export-menu');
        await page.keyboard.press('Escape');
        await page.locator('body').click({ position: { x: 5, y: 400 } });
        await page.keyboard.press('?');
        await page.getByTestId('shortcuts-help').waitFor();
        await check(app, 'shortcuts-dialog');
        await page.keyboard.press('Escape');

        await nav(app, 1);
        await page.getByTestId('customers-list').locator('button').first().click();
        await page.getByTestId('customer-detail').getByRole('heading').first().waitFor();
        await check(app, 'customers-detail');

        await nav(app, 2);
        await page.getByTestId('painel-card-revenue').waitFor();
        await check(app, 'painel');

        await nav(app, 3);
        await page.getByTestId('stores-settings').waitFor();
        await check(app, 'settings');
        await page.getByTestId('store-row').getByRole('button').last().click();
        await page.getByTestId('confirm-remove').waitFor();
        await check(app, 'remove-dialog');
      } finally {
        await app.close();
      }
      expect(found).toEqual({});
    });
  }

  it('a 1 MB name and an RTL-override name stay inside their cell: isolated, clipped, whole in the title', async () => {
    const app = await openApp(core, { viewport: { width: 1024, height: 700 } });
    try {
      const page = app.page;
      const table = page.getByTestId('orders-table');
      await page.getByTestId('orders-search').fill('900000');
      await expect.poll(() => table.locator('tbody tr').count()).toBe(2);
      const cells = await table.locator('td.c-customer').evaluateAll((tds) =>
        tds.map((td) => ({
          title: td.getAttribute('title') ?? '',
          bidi: getComputedStyle(td).unicodeBidi,
          clipped: td.scrollWidth > td.clientWidth,
          width: td.getBoundingClientRect().width,
        })),
      );
      const long = cells.find((c) => c.title.startsWith('Loja Comprida'))!;
      expect(long.title).toHaveLength(500);
      expect(long.clipped).toBe(true);
      expect(long.width).toBeLessThan(300);
      const rtl = cells.find((c) => c.title.startsWith('Cliente'))!;
      expect(rtl.title).toBe(RTL_NAME);
      for (const cell of cells) expect(cell.bidi).toMatch(/isolate|plaintext/);
      // No sideways scroll at 1024 wide, whatever the names.
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      await page.screenshot({ path: screenshotPath('hostile-names-orders') });

      await table.locator('tbody tr').first().click();
      const panel = page.getByTestId('order-detail');
      await panel.getByRole('heading').first().waitFor();
      const isolated = await panel
        .locator('[data-testid=order-section-customer] bdi')
        .evaluate((el) => getComputedStyle(el).unicodeBidi);
      expect(isolated).toBe('isolate');
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      await page.screenshot({ path: screenshotPath('hostile-names-detail') });

      await page.getByRole('navigation').getByRole('button').nth(1).click();
      const list = page.getByTestId('customers-list');
      await list.locator('button').first().waitFor();
      const names = await list.locator('bdi.name-line').evaluateAll((els) =>
        els.map((el) => ({
          title: el.getAttribute('title') ?? '',
          bidi: getComputedStyle(el).unicodeBidi,
          clipped: el.scrollWidth > el.clientWidth,
        })),
      );
      const longCustomer = names.find((n) => n.title.startsWith('Loja Comprida'));
      if (longCustomer) expect(longCustomer).toMatchObject({ bidi: 'isolate', clipped: true });
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      await page.screenshot({ path: screenshotPath('hostile-names-customers') });
    } finally {
      await app.close();
    }
  });
});
