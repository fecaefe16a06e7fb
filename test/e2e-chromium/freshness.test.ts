import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startFakeStore, type FakeStore } from '../../src/main/core/fake-store';
import { createTestCore, type TestCore } from '../helpers/core';
import { chromiumAvailable, screenshotPath } from '../helpers/chromium';
import { openApp, type AppSession } from '../helpers/app-session';
import { HeldTimers } from '../sync/manual-timers';

const inTestKeyring = process.env['BALCAO_TEST_KEYRING'] === '1';
const CREDENTIALS = { token: 'tok-FRESH-8c1d4e7a2b', secret: 'sec-FRESH-3f6a9b2c5d' };
const SHAPE = {
  seed: 5,
  orders: 3_000,
  customers: 800,
  alias: 'frescor',
  rateLimit: { timeScale: 60 },
  ...CREDENTIALS,
};

// What keeps the cache fresh, as the person sees it in the frame: the progress of a sync, the notice of new orders,
// and the connectivity badge following the store going away and coming back with nobody touching anything.
describe.skipIf(!chromiumAvailable || !inTestKeyring)('freshness in the frame (Chromium, bridge, fake store)', () => {
  let fake: FakeStore;
  let core: TestCore;
  let app: AppSession;
  let page: Page;
  const timers = new HeldTimers();

  beforeAll(async () => {
    fake = await startFakeStore(SHAPE);
    core = createTestCore({ apiBaseUrl: fake.apiBaseUrl, connectivityTimers: timers });
    await core.stores.add({ alias: fake.alias, ...CREDENTIALS });
    app = await openApp(core);
    page = app.page;
  });

  afterAll(async () => {
    await app?.close();
    await core?.dispose();
    await fake?.close().catch(() => undefined);
  });

  it('says "Nunca sincronizada" until the first sync, and counts orders and customers apart while it runs', async () => {
    expect(await page.getByTestId('freshness').textContent()).toBe('Nunca sincronizada');
    // Slow answers, so the run lasts long enough to be watched.
    fake.control.setFaults('latency=1:120ms');
    await page.getByTestId('sync-button').click();
    const progress = page.getByTestId('sync-progress');
    // Both lists at once, each with its own total, numbers in Portuguese ("3.000").
    await expect
      .poll(() => progress.textContent().catch(() => ''))
      .toMatch(/[\d.]+ de 3\.000 pedidos · [\d.]+ de 800 clientes/);
    await page.screenshot({ path: screenshotPath('freshness-progress') });
    await expect.poll(() => page.getByTestId('freshness').textContent()).toMatch(/^Atualizado/);
    fake.control.setFaults('latency=0');
  });

  it('after a sync that brought new orders, says how many and opens the orders screen', async () => {
    await page.getByRole('button', { name: 'Configurações' }).click();
    const added = fake.control.addOrders(3);
    expect(added).toHaveLength(3);
    await page.getByTestId('sync-button').click();
    const notice = page.getByTestId('new-orders');
    await expect.poll(() => notice.textContent().catch(() => '')).toContain('3 pedidos novos');
    expect(await page.locator('[aria-live="polite"]').filter({ has: notice }).count()).toBe(1);
    await page.screenshot({ path: screenshotPath('freshness-new-orders') });

    await page.getByTestId('new-orders-open').click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Pedidos');
    expect(await notice.count()).toBe(0);
    await page.getByTestId('orders-table').waitFor();
    await page.screenshot({ path: screenshotPath('freshness-orders-opened') });

    // A single new order is singular; dismissing ends the notice without leaving the screen.
    fake.control.addOrders(1);
    await page.getByTestId('sync-button').click();
    await expect.poll(() => notice.textContent().catch(() => '')).toContain('1 pedido novo');
    await page.getByTestId('new-orders-dismiss').click();
    expect(await notice.count()).toBe(0);
  });

  it('offers the automatic sync interval in Configurações, 10 minutes by default, and keeps the choice', async () => {
    await page.getByRole('button', { name: 'Configurações' }).click();
    const select = page.getByTestId('sync-interval');
    await expect.poll(() => select.inputValue()).toBe('10');
    const labels = await select.locator('option').allTextContents();
    expect(labels).toEqual([
      'Desligado',
      'A cada 5 min',
      'A cada 10 min',
      'A cada 15 min',
      'A cada 30 min',
      'A cada 60 min',
    ]);
    await select.selectOption('30');
    await expect
      .poll(async () => (await core.dispatch('sync.getSchedule', undefined)) as unknown)
      .toMatchObject({
        ok: true,
        value: { intervalMinutes: 30 },
      });
    await page.reload();
    await page.getByRole('button', { name: 'Configurações' }).click();
    await expect.poll(() => page.getByTestId('sync-interval').inputValue()).toBe('30');
  });

  it('says the interval and the new orders in English, with its plural', async () => {
    await page.getByRole('button', { name: 'Configurações' }).click();
    await page.getByTestId('locale-select').selectOption('en');
    const labels = await page.getByTestId('sync-interval').locator('option').allTextContents();
    expect(labels).toEqual(['Off', 'Every 5 min', 'Every 10 min', 'Every 15 min', 'Every 30 min', 'Every 60 min']);
    fake.control.addOrders(2);
    await page.getByTestId('sync-button').click();
    await expect
      .poll(() =>
        page
          .getByTestId('new-orders')
          .textContent()
          .catch(() => ''),
      )
      .toContain('2 new orders');
    await page.getByTestId('new-orders-dismiss').click();
    await page.getByTestId('locale-select').selectOption('pt-BR');
  });

  it('turns the badge offline after the store stops and online after it starts, with no action', async () => {
    // The core's own check, its timers held: each check the core plans runs when the test fires it, while the
    // countdown on screen ("tentando de novo em 10 s") runs on the real clock.
    const badge = page.getByTestId('connectivity');
    const check = core.connectivityCheck;
    try {
      check.start();
      await check.checkNow();
      await expect.poll(() => badge.textContent()).toContain('Conectado');

      const port = Number(new URL(fake.url).port);
      await fake.close();
      timers.fireAll();
      await check.checkNow();
      await expect.poll(() => badge.textContent()).toMatch(/Sem conexão.*tentando de novo em \d+ s/);
      const first = await page.getByTestId('connectivity-retry').textContent();
      // The countdown moves on by itself.
      await expect.poll(() => page.getByTestId('connectivity-retry').textContent()).not.toBe(first);
      await page.screenshot({ path: screenshotPath('freshness-offline-retrying') });

      fake = await startFakeStore({ ...SHAPE, port });
      timers.fireAll();
      await check.checkNow();
      await expect.poll(() => badge.textContent()).toContain('Conectado');
      expect(await page.getByTestId('connectivity-retry').count()).toBe(0);
    } finally {
      check.stop();
    }
  });
});
