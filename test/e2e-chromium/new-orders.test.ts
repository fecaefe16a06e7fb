import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startFakeStore, type FakeStore } from '../../src/main/core/fake-store';
import { createTestCore, type TestCore } from '../helpers/core';
import { chromiumAvailable, screenshotPath } from '../helpers/chromium';
import { openApp, type AppSession } from '../helpers/app-session';

const inTestKeyring = process.env['BALCAO_TEST_KEYRING'] === '1';
const CREDENTIALS = { token: 'tok-NOVOS-5e2a8c1f7b', secret: 'sec-NOVOS-9d3b6f0a4c' };
const SHAPE = {
  seed: 8,
  orders: 400,
  customers: 120,
  alias: 'novidades',
  rateLimit: { timeScale: 60 },
  ...CREDENTIALS,
};

// After a sync that brought new orders: their rows marked until seen, the one question about a system notification
// (the frame shows it where the shell can notify: the core says 'electron' here), and the banner of a store whose
// automatic sync is paused because its credentials fail.
describe.skipIf(!chromiumAvailable || !inTestKeyring)(
  'new orders and a paused store (Chromium, bridge, fake store)',
  () => {
    let fake: FakeStore;
    let core: TestCore;
    let app: AppSession;
    let page: Page;

    beforeAll(async () => {
      fake = await startFakeStore(SHAPE);
      core = createTestCore({ apiBaseUrl: fake.apiBaseUrl, shell: 'electron' });
      await core.stores.add({ alias: fake.alias, ...CREDENTIALS });
      app = await openApp(core);
      page = app.page;
      await page.getByTestId('sync-button').click();
      await page
        .getByTestId('freshness')
        .filter({ hasText: /^Atualizado/ })
        .waitFor({ timeout: 30_000 });
    }, 60_000);

    afterAll(async () => {
      await app?.close();
      await core?.dispose();
      await fake?.close().catch(() => undefined);
    });

    /** Adds orders to the store and syncs; once the notice says `words`, their ids. */
    async function syncNewOrders(count: number, words: string): Promise<number[]> {
      const added = fake.control.addOrders(count);
      await page.getByTestId('sync-button').click();
      await expect
        .poll(() =>
          page
            .getByTestId('new-orders')
            .textContent()
            .catch(() => ''),
        )
        .toContain(words);
      return added;
    }

    /** The ids of the list's rows. */
    const listedRows = (): Promise<number[]> =>
      page
        .locator('tr[data-order-id]')
        .evaluateAll((rows) => rows.map((row) => Number(row.getAttribute('data-order-id'))));

    /** The ids of the list's rows that carry the new mark. */
    const markedRows = (): Promise<number[]> =>
      page
        .locator('tr[data-order-id]')
        .filter({ has: page.getByTestId('new-mark') })
        .evaluateAll((rows) => rows.map((row) => Number(row.getAttribute('data-order-id'))));

    it('marks the new rows with a word until each is opened, and asks once about a system notification', async () => {
      expect(await markedRows()).toEqual([]);
      expect(await page.getByTestId('notify-ask').count()).toBe(0);
      const added = await syncNewOrders(3, '3 pedidos novos');
      await expect.poll(() => markedRows().then((ids) => ids.sort())).toEqual([...added].sort());
      // Not colour alone: the mark is a word.
      expect(await page.getByTestId('new-mark').first().textContent()).toBe('novo');
      await expect.poll(() => page.getByTestId('notify-ask').count()).toBe(1);
      expect(await page.getByTestId('notify-ask').textContent()).toContain('notificação do sistema');
      await page.screenshot({ path: screenshotPath('new-orders-marked') });

      // Opening one order: that one is seen, the others stay marked.
      const first = added[0];
      await page.locator(`tr[data-order-id="${first}"]`).click();
      await expect.poll(() => markedRows().then((ids) => ids.sort())).toEqual(added.slice(1).sort());
      await page.screenshot({ path: screenshotPath('new-orders-one-opened') });
      await page.keyboard.press('Escape');

      // The answer is kept in the core and shown in Configurações; the question is not asked again.
      await page.getByTestId('notify-yes').click();
      await expect.poll(() => page.getByTestId('notify-ask').count()).toBe(0);
      await expect
        .poll(async () => (await core.dispatch('sync.getSchedule', undefined)) as unknown)
        .toMatchObject({ ok: true, value: { notifyNewOrders: true } });
      await page.getByRole('button', { name: 'Configurações' }).click();
      expect(await page.getByTestId('notify-new-orders').isChecked()).toBe(true);
      await page.getByTestId('notify-new-orders').scrollIntoViewIfNeeded();
      await page.screenshot({ path: screenshotPath('new-orders-setting') });
      await page.getByTestId('notify-new-orders').uncheck();
      await expect
        .poll(async () => (await core.dispatch('sync.getSchedule', undefined)) as unknown)
        .toMatchObject({ ok: true, value: { notifyNewOrders: false } });
      // The notice ends; the marks stay until seen.
      await page.getByTestId('new-orders-dismiss').click();
    });

    it('opens the list on exactly the orders two syncs brought, as a removable filter, seen once the person leaves it', async () => {
      // Two syncs bring orders before the person looks: the notice adds them up and opens on both runs' orders.
      const first = await syncNewOrders(2, '2 pedidos novos');
      const second = await syncNewOrders(1, '3 pedidos novos');
      const added = [...first, ...second];
      // Asked once only: answered above.
      expect(await page.getByTestId('notify-ask').count()).toBe(0);
      await page.getByTestId('new-orders-open').click();
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Pedidos');
      const chip = page.locator('[data-testid="filter-chip"][data-filter="arrived"]');
      await expect.poll(() => chip.textContent().catch(() => '')).toContain('Novos nas últimas 2 sincronizações');
      // Exactly those orders, each row the order the store added (its number, read from the row's link), marked.
      await expect.poll(() => listedRows().then((ids) => ids.sort())).toEqual([...added].sort());
      expect((await markedRows()).sort()).toEqual([...added].sort());
      const numbers = await page
        .locator('tr[data-order-id] .row-link')
        .evaluateAll((links) => links.map((link) => link.textContent?.replace(/\D/g, '')));
      const expected = added.map((id) => String(fake.model.skeleton(fake.model.orderIndexOfId(id)!).number));
      expect(numbers.sort()).toEqual(expected.sort());
      await page.screenshot({ path: screenshotPath('new-orders-opened') });

      // The chip removes the filter: the whole list again, newest first, the new orders still marked on top.
      await chip.getByRole('button').click();
      await expect.poll(() => listedRows().then((ids) => ids.length)).toBeGreaterThan(added.length);
      expect(await chip.count()).toBe(0);

      await page.getByRole('navigation').getByRole('button', { name: 'Clientes', exact: true }).click();
      await page.getByRole('navigation').getByRole('button', { name: 'Pedidos', exact: true }).click();
      await page.locator('tr[data-order-id]').first().waitFor();
      const stillMarked = await markedRows();
      for (const id of added) expect(stillMarked).not.toContain(id);
    });

    it('says when automatic sync is paused because the credentials fail, and where to fix them', async () => {
      expect(await page.getByTestId('sync-paused').count()).toBe(0);
      const [store] = await core.stores.list();
      await core.secrets.set(store.id, { token: 'tok-WRONG-0000000000', secret: 'sec-WRONG-0000000000' });
      await page.getByTestId('sync-button').click();
      const banner = page.getByTestId('sync-paused');
      await expect.poll(() => banner.textContent().catch(() => '')).toContain('Sincronização automática pausada');
      expect(await banner.textContent()).toContain('Confira as credenciais');
      await page.screenshot({ path: screenshotPath('sync-paused-banner') });
      await page.getByTestId('sync-paused-fix').click();
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Configurações');

      // Fixed: verified, saved, and the banner goes.
      await core.stores.update({ id: store.id, ...CREDENTIALS });
      await expect.poll(() => banner.count()).toBe(0);
    });
  },
);
