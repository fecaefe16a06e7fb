import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { inProcessClient } from '../../src/main/core/ipc/in-process-client';
import type { Painel, PainelPeriod } from '../../src/shared/domain/painel';
import { formatMoney } from '../../src/shared/format';
import { createTestCore, type TestCore } from '../helpers/core';
import { openApp, type AppSession } from '../helpers/app-session';
import { chromiumAvailable, screenshotPath } from '../helpers/chromium';

const inTestKeyring = process.env['BALCAO_TEST_KEYRING'] === '1';

/** The money text as the page shows it (Intl puts a no-break space after "R$"). */
const shown = (cents: number): string => formatMoney(cents, 'pt-BR').replace(/\s/g, ' ');
const text = async (page: Page, testId: string): Promise<string> =>
  ((await page.getByTestId(testId).textContent()) ?? '').replace(/\s/g, ' ');

describe.skipIf(!chromiumAvailable || !inTestKeyring)(
  'the Painel of the demo store (Chromium, bridge, real core)',
  () => {
    let core: TestCore;
    let app: AppSession;
    let storeId: string;
    const painel = (period: PainelPeriod): Promise<Painel> =>
      inProcessClient(core).call('painel.get', { storeId, period });

    async function openPainel(page: Page): Promise<void> {
      await page
        .getByRole('navigation')
        .getByRole('button', { name: /Painel|Dashboard/ })
        .click();
      await page.getByTestId('painel-card-revenue').waitFor();
    }

    /** The Painel again after a reload in that language and theme, at that size. */
    async function openPainelIn(
      page: Page,
      locale: 'pt-BR' | 'en',
      theme: 'light' | 'dark',
      size: { width: number; height: number },
    ): Promise<void> {
      await page.setViewportSize(size);
      await page.evaluate(
        ([l, th]) => {
          localStorage.setItem('balcao.locale', l);
          localStorage.setItem('balcao.theme', th);
        },
        [locale, theme],
      );
      await page.reload();
      await openPainel(page);
    }

    beforeAll(async () => {
      core = createTestCore({ demo: { orders: 900, customers: 200, timeScale: 60 } });
      app = await openApp(core, { viewport: { width: 1280, height: 900 } });
    });

    afterAll(async () => {
      await app?.close();
      await core?.dispose();
    });

    it('syncs the demo store', async () => {
      await app.page.getByTestId('try-demo').click();
      await expect
        .poll(() => app.page.getByTestId('orders-pager').getByTestId('range').textContent(), { timeout: 90_000 })
        .toMatch(/de 900$/);
      storeId = (await inProcessClient(core).call('stores.list'))[0].id;
    }, 120_000);

    it('shows the last 30 days as the core computes them, and another period when it is picked', async () => {
      const { page } = app;
      await openPainel(page);
      const p30 = await painel('30d');
      expect(p30.orders.current).toBeGreaterThan(0);
      await expect.poll(() => text(page, 'painel-card-revenue')).toContain(shown(p30.revenueCents.current!));
      expect(await text(page, 'painel-card-orders')).toContain(String(p30.orders.current));

      await page.getByTestId('painel-period').selectOption('90d');
      const p90 = await painel('90d');
      await expect.poll(() => text(page, 'painel-card-revenue')).toContain(shown(p90.revenueCents.current!));
      expect(p90.orders.current).toBeGreaterThan(p30.orders.current!);
      await page.getByTestId('painel-period').selectOption('30d');
      await expect.poll(() => text(page, 'painel-card-revenue')).toContain(shown(p30.revenueCents.current!));
    });

    it('opens the sales of a day from its point on the chart', async () => {
      const { page } = app;
      const p30 = await painel('30d');
      const points = p30.series.points;
      const i = points.reduce((best, x, j) => (x.sales > points[best].sales ? j : best), 0);
      const over = page.getByTestId('painel-chart-over');
      const box = (await over.boundingBox())!;
      await over.click({ position: { x: (box.width * i) / (points.length - 1), y: box.height / 2 } });
      await expect
        .poll(() => page.getByTestId('orders-pager').getByTestId('range').textContent())
        .toMatch(new RegExp(`de ${points[i].sales}$`));
      const [y, m, d] = points[i].range.from.split('-');
      const dates = await page.getByTestId('orders-table').locator('tbody tr td:nth-child(3)').allTextContents();
      expect(dates.length).toBe(points[i].sales);
      for (const date of dates) expect(date).toContain(`${d}/${m}/${y}`);
    });

    it('opens the orders of a payment method from its row', async () => {
      const { page } = app;
      await openPainel(page);
      const p30 = await painel('30d');
      const pix = p30.byPayment.find((m) => m.alias === 'pix')!;
      await page.getByTestId('painel-payment-pix').click();
      await expect
        .poll(() => page.getByTestId('orders-pager').getByTestId('range').textContent())
        .toMatch(new RegExp(`de ${pix.orders}$`));
      const rows = page.getByTestId('orders-table').locator('tbody tr');
      expect(await rows.count()).toBe(Math.min(100, pix.orders));
      const payments = await rows.locator('td:nth-child(7)').allTextContents();
      for (const cell of payments) expect(cell).toMatch(/PIX/i);
    });

    it('opens the orders of an hour of the day from its bar, in the store zone, as a chip that can be removed', async () => {
      const { page } = app;
      await openPainel(page);
      const p30 = await painel('30d');
      const hour = p30.byHour.reduce((best, n, h) => (n > p30.byHour[best] ? h : best), 0);
      const count = p30.byHour[hour];
      expect(count).toBeGreaterThan(0);
      expect(count).toBeLessThanOrEqual(100);
      await page.getByTestId(`painel-hour-${hour}`).click();
      await expect
        .poll(() => page.getByTestId('orders-pager').getByTestId('range').textContent())
        .toMatch(new RegExp(`de ${count}$`));

      // The same orders picked here from the period's whole list by their creation hour in the store's zone.
      const store = (await inProcessClient(core).call('stores.list')).find((s) => s.id === storeId)!;
      const hourIn = new Intl.DateTimeFormat('en-US', { timeZone: store.timeZone, hour: '2-digit', hourCycle: 'h23' });
      const period: { from: string; to: string } = p30.range;
      const all = await inProcessClient(core).call('orders.list', { storeId, query: { ...period, limit: 500 } });
      expect(all.totalIsExact && all.total <= 500).toBe(true);
      const expected = all.rows
        .filter((o) => Number(hourIn.format(new Date(o.createdAt!.utc))) === hour)
        .map((o) => String(o.id))
        .sort();
      const shownIds = await page
        .getByTestId('orders-table')
        .locator('tbody tr')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-order-id') ?? ''));
      expect(shownIds.sort()).toEqual(expected);

      const chip = page.locator('[data-testid="filter-chip"][data-filter="hour"]');
      expect(await chip.textContent()).toContain(`Hora: ${String(hour).padStart(2, '0')}h`);
      await chip.getByRole('button').click();
      await expect
        .poll(() => page.getByTestId('orders-pager').getByTestId('range').textContent())
        .toMatch(new RegExp(`de ${p30.orders.current}$`));
    });

    it("shows an hour's orders with its chip in both languages and both themes", async () => {
      const { page } = app;
      const p30 = await painel('30d');
      const hour = p30.byHour.findIndex((n) => n > 0);
      for (const [locale, word] of [
        ['pt-BR', 'Hora'],
        ['en', 'Hour'],
      ] as const)
        for (const theme of ['light', 'dark'] as const) {
          await openPainelIn(page, locale, theme, { width: 1280, height: 900 });
          await page.getByTestId(`painel-hour-${hour}`).click();
          const chip = page.locator('[data-testid="filter-chip"][data-filter="hour"]');
          await chip.waitFor();
          expect(await chip.textContent()).toContain(`${word}: ${String(hour).padStart(2, '0')}h`);
          await page.screenshot({ path: screenshotPath(`painel-hour-list-${locale}-${theme}`) });
        }
    });

    it('looks right in both languages, both themes, at 1024 and 1920 wide', async () => {
      const { page } = app;
      for (const locale of ['pt-BR', 'en'] as const)
        for (const theme of ['light', 'dark'] as const)
          for (const width of [1024, 1920]) {
            await openPainelIn(page, locale, theme, { width, height: 1100 });
            expect(await page.locator('html').getAttribute('data-theme')).toBe(theme);
            await page.getByTestId('painel-chart-over').waitFor();
            await page.screenshot({ path: screenshotPath(`painel-${locale}-${theme}-${width}`), fullPage: true });
          }
    });
  },
);
