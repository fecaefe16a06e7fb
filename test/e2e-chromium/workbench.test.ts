import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { DateTime } from 'luxon';
import type { Browser, Page, Request } from 'playwright-core';
import { startBridge, type Bridge } from '../../src/dev/bridge-server';
import type { CallInput, CallName, CallResult } from '../../src/shared/ipc/contract';
import type { OrderQuery } from '../../src/shared/domain/query';
import { callOk, createTestCore, type TestCore } from '../helpers/core';
import { chromiumAvailable, launchChromium, screenshotPath } from '../helpers/chromium';
import { ensureRendererBuilt } from '../helpers/renderer-build';
import { formatDay } from '../../src/renderer/src/lib/typed-input';

const inTestKeyring = process.env['BALCAO_TEST_KEYRING'] === '1';

// The daily workbench on a laptop-sized window: orders triaged from the keyboard alone, with what was marked
// read back from the core rather than from the screen.
describe.skipIf(!chromiumAvailable || !inTestKeyring)('the order workbench from the keyboard (Chromium)', () => {
  let core: TestCore;
  let bridge: Bridge;
  let browser: Browser;
  let page: Page;
  let storeId: string;
  let timeZone: string;

  const call = <N extends CallName>(name: N, input: CallInput<N>): Promise<CallResult<N>> =>
    callOk(core.dispatch, name, input);

  const listQuery = (extra: OrderQuery = {}): OrderQuery => ({ sort: { key: 'date', direction: 'desc' }, ...extra });
  const heading = (): Promise<string> =>
    page.getByTestId('order-detail').getByRole('heading', { level: 2 }).innerText();
  const focusedOrderId = (): Promise<string | null> =>
    page.evaluate(() => document.activeElement?.closest('tr')?.getAttribute('data-order-id') ?? null);
  const range = (): Promise<string | null> => page.getByTestId('orders-pager').getByTestId('range').textContent();

  beforeAll(async () => {
    ensureRendererBuilt();
    core = createTestCore();
    bridge = await startBridge({ dispatch: core.dispatch, events: core.events, staticDir: resolve('out/renderer') });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1024, height: 700 }, colorScheme: 'light' });
    await page.goto(bridge.appUrl);
  });

  afterAll(async () => {
    await browser?.close();
    await bridge?.close();
    await core?.dispose();
  });

  it('fits 1024×700 without sideways scrolling', async () => {
    await page.getByTestId('try-demo').click();
    await page.getByTestId('store-switcher').waitFor();
    await expect.poll(range, { timeout: 60_000 }).toBe('1–100 de 300');
    const [store] = await call('stores.list', undefined);
    storeId = store.id;
    timeZone = store.timeZone;
    const overflow = await page.evaluate(() => {
      const content = document.querySelector('.content')!;
      return { scroll: content.scrollWidth, client: content.clientWidth, page: document.documentElement.scrollWidth };
    });
    expect(overflow.scroll).toBeLessThanOrEqual(overflow.client);
    expect(overflow.page).toBeLessThanOrEqual(1024);
  });

  it('triages orders from the keyboard alone: open, mark, flag, note, next, close back to the row', async () => {
    const expected = (await call('orders.list', { storeId, query: listQuery({ limit: 20 }) })).rows;
    await page.locator('body').click({ position: { x: 5, y: 690 } });
    await page.keyboard.press('j');
    await expect.poll(focusedOrderId).toBe(String(expected[0].id));
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    await expect.poll(focusedOrderId).toBe(String(expected[0].id));
    await page.keyboard.press('Enter');
    await expect.poll(heading).toBe(`Pedido #${expected[0].number}`);

    // Twenty orders in a row: reviewed, every other one flagged, the third one noted.
    for (const [index, order] of expected.entries()) {
      if (index > 0) {
        await page.keyboard.press(']');
        await expect.poll(heading).toBe(`Pedido #${order.number}`);
      }
      await page.keyboard.press('r');
      await expect.poll(() => page.getByTestId('review-checkbox').isChecked()).toBe(true);
      if (index % 2 === 0) {
        await page.keyboard.press('f');
        await expect.poll(() => page.getByTestId('flag-checkbox').isChecked()).toBe(true);
      }
      if (index === 2) {
        await page.keyboard.press('n');
        await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('order-note');
        // Typed keys stay in the note: 'r' and 'f' here are letters, not shortcuts.
        await page.keyboard.type('frete refeito');
        // Tab leaves the field; the keys are shortcuts again.
        await page.keyboard.press('Tab');
      }
    }
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('order-detail').count()).toBe(0);
    await expect.poll(focusedOrderId).toBe(String(expected[19].id));

    for (const [index, order] of expected.entries()) {
      const { review } = await call('orders.get', { storeId, orderId: order.id });
      expect({ reviewed: review.reviewed, flagged: review.flagged, note: review.note }).toEqual({
        reviewed: true,
        flagged: index % 2 === 0,
        note: index === 2 ? 'frete refeito' : '',
      });
    }
    // The list shows the marks as labelled icons, not emoji.
    const marks = page.locator(`tr[data-order-id="${expected[0].id}"]`).getByTestId('row-marks');
    await expect.poll(() => marks.getByRole('img', { name: 'Revisado' }).count()).toBe(1);
    await expect.poll(() => marks.getByRole('img', { name: 'Sinalizado' }).count()).toBe(1);
    await page.screenshot({ path: screenshotPath('workbench-1024-light') });
  });

  it('saves a note typed and then closed with Esc at once, and one left by switching orders', async () => {
    const [first, second] = (await call('orders.list', { storeId, query: listQuery({ offset: 10, limit: 2 }) })).rows;
    await page.locator(`tr[data-order-id="${first.id}"] .row-link`).focus();
    await page.keyboard.press('n');
    await expect.poll(heading).toBe(`Pedido #${first.number}`);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('order-note');
    await page.keyboard.type('cliente pediu nota fiscal');
    await page.keyboard.press('Escape');
    await expect.poll(focusedOrderId).toBe(String(first.id));
    await expect
      .poll(async () => (await call('orders.get', { storeId, orderId: first.id })).review.note)
      .toBe('cliente pediu nota fiscal');

    await page.keyboard.press('n');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('order-note');
    await page.keyboard.type('trocar tamanho');
    await expect.poll(() => page.getByTestId('note-state').textContent()).toBe('Salvo');
    await page.keyboard.type(' e cor');
    await page.getByTestId('order-next').click();
    await expect.poll(heading).toBe(`Pedido #${second.number}`);
    await expect
      .poll(async () => (await call('orders.get', { storeId, orderId: first.id })).review.note)
      .toBe('cliente pediu nota fiscaltrocar tamanho e cor');

    // Typed and the window reloaded at once, before the pause that saves it: the note is sent as the page goes.
    await page.keyboard.press('n');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('order-note');
    await page.keyboard.type('embrulhar para presente');
    await page.reload();
    await expect
      .poll(async () => (await call('orders.get', { storeId, orderId: second.id })).review.note)
      .toBe('embrulhar para presente');
    await expect.poll(range).toBe('1–100 de 300');

    // Typed straight after n, before the order has loaded: every letter reaches the note and none is a shortcut.
    const [third] = (await call('orders.list', { storeId, query: listQuery({ offset: 30, limit: 1 }) })).rows;
    await page.locator(`tr[data-order-id="${third.id}"] .row-link`).focus();
    await page.keyboard.press('n');
    await page.keyboard.type('refazer junto');
    await expect.poll(() => page.getByTestId('order-note').inputValue()).toBe('refazer junto');
    await page.keyboard.press('Escape');
    await expect
      .poll(async () => (await call('orders.get', { storeId, orderId: third.id })).review)
      .toMatchObject({ note: 'refazer junto', reviewed: false, flagged: false });
    await expect.poll(focusedOrderId).toBe(String(third.id));
  });

  it('goes to the next unreviewed order with u, and steps across a page boundary with [ and ]', async () => {
    // The first twenty are reviewed: u from the first row lands on the twenty-first.
    const [next] = (await call('orders.list', { storeId, query: listQuery({ offset: 20, limit: 1 }) })).rows;
    await page.locator('tr[data-order-id] .row-link').first().focus();
    await page.keyboard.press('u');
    await expect.poll(focusedOrderId).toBe(String(next.id));

    const [lastOfFirst, firstOfSecond] = (
      await call('orders.list', { storeId, query: listQuery({ offset: 99, limit: 2 }) })
    ).rows;
    await page.locator(`tr[data-order-id="${lastOfFirst.id}"] .row-link`).focus();
    await page.keyboard.press('Enter');
    await expect.poll(heading).toBe(`Pedido #${lastOfFirst.number}`);
    await page.keyboard.press(']');
    await expect.poll(heading).toBe(`Pedido #${firstOfSecond.number}`);
    await expect.poll(range).toBe('101–200 de 300');
    await page.keyboard.press('[');
    await expect.poll(heading).toBe(`Pedido #${lastOfFirst.number}`);
    await expect.poll(range).toBe('1–100 de 300');
    await page.keyboard.press('Escape');
    await expect.poll(focusedOrderId).toBe(String(lastOfFirst.id));
  });

  it('crosses a page boundary with ] and [ on one detail read each: the page past the end was fetched on the way', async () => {
    const calls: { name: string; input: unknown }[] = [];
    const answered: { name: string; input: unknown }[] = [];
    const named = (url: string) => decodeURIComponent(url.split('/__bridge/call/')[1] ?? '');
    const record = (into: typeof calls) => (request: Request) => {
      if (!request.url().includes('/__bridge/call/')) return;
      into.push({ name: named(request.url()), input: (request.postDataJSON() as { input: unknown }).input });
    };
    page.on('request', record(calls));
    page.on('requestfinished', record(answered));
    try {
      const byStatus = listQuery({ sort: { key: 'status', direction: 'asc' } });
      const [lastOfFirst, firstOfSecond] = (
        await call('orders.list', { storeId, query: { ...byStatus, offset: 99, limit: 2 } })
      ).rows;
      await page.getByTestId('orders-table').locator('th.c-status button').click();
      const first = (await call('orders.list', { storeId, query: { ...byStatus, limit: 1 } })).rows[0];
      await expect
        .poll(() => page.locator('tr[data-order-id]').first().getAttribute('data-order-id'))
        .toBe(String(first.id));
      await page.locator(`tr[data-order-id="${lastOfFirst.id}"] .row-link`).focus();
      await page.keyboard.press('Enter');
      await expect.poll(heading).toBe(`Pedido #${lastOfFirst.number}`);
      // The last row of the page has the next page fetched, in the list's own sort.
      const nextPage = (entry: { name: string; input: unknown }) =>
        entry.name === 'orders.list' && (entry.input as { query: OrderQuery }).query.offset === 100;
      await expect.poll(() => answered.some(nextPage)).toBe(true);
      expect((calls.find(nextPage)?.input as { query: OrderQuery }).query.sort).toEqual(byStatus.sort);

      calls.length = 0;
      await page.keyboard.press(']');
      await expect.poll(heading).toBe(`Pedido #${firstOfSecond.number}`);
      await expect.poll(range).toBe('101–200 de 300');
      expect(await page.locator(`tr[data-order-id="${firstOfSecond.id}"]`).getAttribute('class')).toContain('selected');
      expect(calls).toEqual([{ name: 'orders.get', input: { storeId, orderId: firstOfSecond.id } }]);

      calls.length = 0;
      await page.keyboard.press('[');
      await expect.poll(heading).toBe(`Pedido #${lastOfFirst.number}`);
      await expect.poll(range).toBe('1–100 de 300');
      expect(calls).toEqual([{ name: 'orders.get', input: { storeId, orderId: lastOfFirst.id } }]);
      await page.keyboard.press('Escape');
      await page.getByTestId('orders-table').locator('th.c-date button').click();
    } finally {
      page.removeAllListeners('request');
      page.removeAllListeners('requestfinished');
    }
  });

  it('marks its way down a "não revisado" list: each marked order leaves and the next takes the keyboard', async () => {
    await page.getByTestId('review-filter').selectOption('unreviewed');
    const before = (await call('orders.list', { storeId, query: listQuery({ review: 'unreviewed', limit: 3 }) })).rows;
    await expect
      .poll(() => page.locator('tr[data-order-id]').first().getAttribute('data-order-id'))
      .toBe(String(before[0].id));
    await page.locator('tr[data-order-id] .row-link').first().focus();
    for (const order of before) {
      await expect.poll(focusedOrderId).toBe(String(order.id));
      await page.keyboard.press('r');
    }
    for (const order of before)
      await expect
        .poll(async () => (await call('orders.get', { storeId, orderId: order.id })).review.reviewed)
        .toBe(true);
    await page.getByTestId('review-filter').selectOption('');
  });

  it('focuses the search with / and Ctrl+F, and lists the shortcuts with ?', async () => {
    await page.keyboard.press('/');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe('orders-search');
    // Typing in the search is typing: '?' and 'j' are letters there.
    await page.keyboard.type('?j');
    expect(await page.getByTestId('shortcuts-help').count()).toBe(0);
    await page.getByTestId('orders-search').fill('');
    await page.locator('tr[data-order-id] .row-link').first().focus();
    await page.keyboard.press('Control+f');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe('orders-search');
    await page.locator('tr[data-order-id] .row-link').first().focus();
    await page.keyboard.press('?');
    const help = page.getByTestId('shortcuts-help');
    await help.waitFor();
    expect(await help.textContent()).toContain('Próximo não revisado');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => !!document.activeElement?.closest('[data-testid=shortcuts-help]'))).toBe(true);
    await page.screenshot({ path: screenshotPath('workbench-shortcuts') });
    await page.keyboard.press('Escape');
    await expect.poll(() => help.count()).toBe(0);
  });

  it('gives each date preset the same orders as orders.list for the same days in the store zone', async () => {
    const today = DateTime.now().setZone(timeZone).startOf('day');
    const day = (value: DateTime): string => value.toFormat('yyyy-MM-dd');
    const presets: Record<string, { from: string; to: string }> = {
      today: { from: day(today), to: day(today) },
      yesterday: { from: day(today.minus({ days: 1 })), to: day(today.minus({ days: 1 })) },
      last7: { from: day(today.minus({ days: 6 })), to: day(today) },
      last30: { from: day(today.minus({ days: 29 })), to: day(today) },
      thisMonth: { from: day(today.startOf('month')), to: day(today) },
      lastMonth: {
        from: day(today.minus({ months: 1 }).startOf('month')),
        to: day(today.minus({ months: 1 }).endOf('month')),
      },
    };
    let nonEmpty = 0;
    for (const [preset, days] of Object.entries(presets)) {
      await page.getByTestId('date-preset').selectOption(preset);
      // The fields show the days as a pt-BR reader writes them.
      expect(await page.getByTestId('date-from').inputValue()).toBe(formatDay(days.from, 'pt-BR'));
      expect(await page.getByTestId('date-to').inputValue()).toBe(formatDay(days.to, 'pt-BR'));
      const expected = await call('orders.list', { storeId, query: listQuery({ ...days, limit: 100 }) });
      if (expected.total > 0) nonEmpty++;
      await expect
        .poll(async () =>
          expected.total === 0
            ? await page.locator('.empty').count()
            : await page.locator('tr[data-order-id]').evaluateAll((rows) => rows.map((row) => row.dataset['orderId'])),
        )
        .toEqual(expected.total === 0 ? 1 : expected.rows.map((row) => String(row.id)));
    }
    // The demo store's orders reach back months: most presets must find some, or this proves little.
    expect(nonEmpty).toBeGreaterThanOrEqual(3);
    await page.getByTestId('date-preset').selectOption('any');
    await expect.poll(range).toBe('1–100 de 300');
  });

  it('turns a backwards date range round and says so, instead of showing nothing', async () => {
    await page.getByTestId('date-preset').selectOption('custom');
    await page.getByTestId('date-from').fill('31/12/2099');
    await page.getByTestId('date-from').press('Enter');
    await page.getByTestId('date-to').fill('01/01/2000');
    await page.getByTestId('date-to').press('Enter');
    await page.getByTestId('dates-swapped').waitFor();
    expect(await page.getByTestId('date-from').inputValue()).toBe('01/01/2000');
    expect(await page.getByTestId('date-to').inputValue()).toBe('31/12/2099');
    await expect.poll(range).toBe('1–100 de 300');
    await page.getByTestId('date-preset').selectOption('any');
  });

  it('writes counts, plurals and money for the language', async () => {
    const totals = await page.locator('tr[data-order-id] td.num').allTextContents();
    expect(totals.every((text) => /^R\$\s\d{1,3}(\.\d{3})*,\d{2}$/.test(text.trim()))).toBe(true);
    expect(totals.some((text) => text.includes('.'))).toBe(true);
    await page.getByRole('navigation').getByRole('button', { name: 'Clientes' }).click();
    await page.getByTestId('customers-list').locator('button').first().waitFor();
    const meta = (await page.getByTestId('customers-list').locator('.meta').allTextContents()).map((text) =>
      text.trim(),
    );
    expect(meta.every((text) => /^(nenhum pedido|1 pedido|\d+ pedidos)\b/.test(text))).toBe(true);
    expect(meta.some((text) => text.startsWith('1 pedido '))).toBe(true);
    expect(meta.some((text) => /^[2-9]\d* pedidos /.test(text))).toBe(true);
    expect(meta.some((text) => text.includes('(s)'))).toBe(false);
    await page.getByRole('navigation').getByRole('button', { name: 'Pedidos' }).click();
  });

  it('in English keeps BRL with English separators and English plurals', async () => {
    const nav = page.getByRole('navigation');
    await nav.getByRole('button', { name: 'Configurações' }).click();
    await page.getByTestId('locale-select').selectOption('en');
    await nav.getByRole('button', { name: 'Orders' }).click();
    await expect.poll(range).toBe('1–100 of 300');
    const totals = await page.locator('tr[data-order-id] td.num').allTextContents();
    expect(totals.length).toBe(100);
    expect(totals.every((text) => /^R\$\d{1,3}(,\d{3})*\.\d{2}$/.test(text.trim()))).toBe(true);
    expect(totals.some((text) => text.includes(','))).toBe(true);
    await page.screenshot({ path: screenshotPath('workbench-orders-1024-light-en') });
    await nav.getByRole('button', { name: 'Customers' }).click();
    await page.getByTestId('customers-list').locator('button').first().waitFor();
    const meta = (await page.getByTestId('customers-list').locator('.meta').allTextContents()).map((text) =>
      text.trim(),
    );
    expect(meta.every((text) => /^(no orders|1 order|\d+ orders)\b/.test(text))).toBe(true);
    await nav.getByRole('button', { name: 'Settings' }).click();
    await page.getByTestId('locale-select').selectOption('pt-BR');
  });

  const views = [
    { name: 'orders', nav: 'Pedidos' },
    { name: 'customers', nav: 'Clientes' },
    { name: 'dashboard', nav: 'Painel' },
    { name: 'settings', nav: 'Configurações' },
  ];

  it('is screenshotted at 1024×700 and 1920×1080, light and dark, with an order open', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const size of [
        { width: 1024, height: 700 },
        { width: 1920, height: 1080 },
      ]) {
        await page.setViewportSize(size);
        for (const view of views) {
          await page.getByRole('navigation').getByRole('button', { name: view.nav }).click();
          if (view.name === 'orders') {
            await page.locator('tr[data-order-id]').first().click();
            await page
              .getByTestId('order-detail')
              .getByRole('heading', { name: /^Pedido #/ })
              .waitFor();
          }
          if (view.name === 'customers') await page.getByTestId('customers-list').locator('button').first().click();
          await page.screenshot({ path: screenshotPath(`workbench-${view.name}-${size.width}-${scheme}`) });
          const sideways = await page.evaluate(() => {
            const content = document.querySelector('.content')!;
            return content.scrollWidth - content.clientWidth;
          });
          expect(sideways, `${view.name} at ${size.width}px`).toBeLessThanOrEqual(0);
          if (view.name === 'orders') await page.keyboard.press('Escape');
        }
      }
    }
  });
});
