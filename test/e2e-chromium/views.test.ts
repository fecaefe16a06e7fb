import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import type { Page } from 'playwright-core';
import { assembleCore, type CoreParts } from '../../src/main/core/composition';
import type { CallInput, CallName, CallResult } from '../../src/shared/ipc/contract';
import type { OrderQuery } from '../../src/shared/domain/query';
import { callOk, createTestCore, type TestCore } from '../helpers/core';
import { openApp, type AppSession } from '../helpers/app-session';
import { chromiumAvailable, screenshotPath } from '../helpers/chromium';

const inTestKeyring = process.env['BALCAO_TEST_KEYRING'] === '1';

// The order list's filters and saved views as a merchant uses them, every list checked against the core's own answer
// for the same query; a saved view is looked for again in a new core opened on the same data folder.
describe.skipIf(!chromiumAvailable || !inTestKeyring)('filters, chips and saved views (Chromium)', () => {
  let first: TestCore;
  let core: Pick<CoreParts, 'dispatch' | 'events' | 'close'>;
  let app: AppSession;
  let page: Page;
  let storeId: string;
  let timeZone: string;

  const call = <N extends CallName>(name: N, input: CallInput<N>): Promise<CallResult<N>> =>
    callOk(core.dispatch, name, input);

  const range = (): Promise<string | null> => page.getByTestId('orders-pager').getByTestId('range').textContent();
  const shownIds = (): Promise<string[]> =>
    page
      .locator('tr[data-order-id]')
      .evaluateAll((rows) => rows.map((row) => (row as HTMLElement).dataset['orderId']!));
  /** The ids the core lists for a filter (newest first, the list's default), as the table shows them. */
  const expectedIds = async (query: OrderQuery): Promise<string[]> =>
    (await call('orders.list', { storeId, query: { sort: { key: 'date', direction: 'desc' }, ...query } })).rows.map(
      (row) => String(row.id),
    );
  const chipIds = (): Promise<string[]> =>
    page
      .getByTestId('filter-chip')
      .evaluateAll((chips) => chips.map((chip) => (chip as HTMLElement).dataset['filter']!));
  const chip = (id: string) => page.locator(`[data-testid=filter-chip][data-filter="${id}"]`);
  const pressedTab = (): Promise<string[]> =>
    page.locator('[data-testid=view-tab][aria-pressed=true]').allTextContents();

  beforeAll(async () => {
    first = createTestCore();
    core = first;
    app = await openApp(core, { viewport: { width: 1280, height: 820 } });
    page = app.page;
  });

  afterAll(async () => {
    await app?.close();
    await core?.close();
    rmSync(first.dataDir, { recursive: true, force: true });
  });

  it('shows the ready-made tabs over the demo store, "Todos" current', async () => {
    await page.getByTestId('try-demo').click();
    await page.getByTestId('store-switcher').waitFor();
    await expect.poll(range, { timeout: 60_000 }).toBe('1–100 de 300');
    const [store] = await call('stores.list', undefined);
    storeId = store.id;
    timeZone = store.timeZone;
    expect(await page.getByTestId('view-tab').allTextContents()).toEqual([
      'Todos',
      'Para revisar',
      'Aguardando pagamento',
      'Sinalizados',
      'Hoje',
    ]);
    expect(await pressedTab()).toEqual(['Todos']);
    await page.getByTestId('view-tab').filter({ hasText: 'Aguardando pagamento' }).click();
    await expect.poll(shownIds).toEqual(await expectedIds({ statuses: ['waiting_payment'] }));
    expect(await chipIds()).toEqual(['status:waiting_payment']);
    await page.getByTestId('clear-filters').click();
    await expect.poll(range).toBe('1–100 de 300');
  });

  it('filters by two payment methods at once', async () => {
    await page.getByTestId('payment-filter').locator('summary').click();
    await page.getByTestId('payment-pix').check();
    await page.getByTestId('payment-billet').check();
    await page.locator('body').click({ position: { x: 5, y: 810 } });
    const expected = await expectedIds({ paymentMethods: ['pix', 'billet'] });
    expect(expected.length).toBeGreaterThan(0);
    await expect.poll(shownIds).toEqual(expected);
    expect(await chipIds()).toEqual(['payment:pix', 'payment:billet']);
    expect(await page.getByTestId('payment-filter').locator('summary').textContent()).toBe('Pagamento: PIX, Boleto');
    await page.screenshot({ path: screenshotPath('views-two-payments') });
  });

  it('filters by a total range typed in reais, pt-BR style, and says when an amount is not one', async () => {
    await page.getByTestId('total-min').fill('R$ 150');
    await page.getByTestId('total-max').fill('1.000,5');
    await page.getByTestId('total-max').press('Enter');
    const expected = await expectedIds({
      paymentMethods: ['pix', 'billet'],
      minTotalCents: 15_000,
      maxTotalCents: 100_050,
    });
    expect(expected.length).toBeGreaterThan(0);
    await expect.poll(shownIds).toEqual(expected);
    expect(await chip('total').textContent()).toMatch(/^Total: R\$\s150,00 – R\$\s1\.000,50/);
    expect(await page.getByTestId('total-min').inputValue()).toBe('150,00');
    expect(await page.getByTestId('total-max').inputValue()).toBe('1.000,50');
    await page.screenshot({ path: screenshotPath('views-total-range') });

    await page.getByTestId('total-max').fill('mil');
    await page.getByTestId('total-max').press('Enter');
    expect(await page.getByTestId('total-error').textContent()).toBe(
      '“mil” não é um valor: digite, por exemplo, 1.234,56.',
    );
    // The list keeps the last amount it could read.
    await expect.poll(shownIds).toEqual(expected);
  });

  it('removes one filter with its chip’s ×, then all of them with "Limpar filtros"', async () => {
    await chip('total').getByRole('button').click();
    await expect.poll(chipIds).toEqual(['payment:pix', 'payment:billet']);
    await expect.poll(shownIds).toEqual(await expectedIds({ paymentMethods: ['pix', 'billet'] }));
    expect(await page.getByTestId('total-min').inputValue()).toBe('');
    await chip('payment:pix').getByRole('button', { name: 'Remover o filtro Pagamento: PIX' }).click();
    await expect.poll(shownIds).toEqual(await expectedIds({ paymentMethods: ['billet'] }));
    await page.screenshot({ path: screenshotPath('views-chip-removed') });
    await page.getByTestId('clear-filters').click();
    await expect.poll(range).toBe('1–100 de 300');
    expect(await page.getByTestId('filter-chips').count()).toBe(0);
    expect(await pressedTab()).toEqual(['Todos']);
  });

  it('takes a custom date typed as dd/mm/aaaa, and says when it cannot exist', async () => {
    const today = DateTime.now().setZone(timeZone);
    const from = today.minus({ days: 45 });
    await page.getByTestId('date-preset').selectOption('custom');
    await page.getByTestId('date-from').fill('31/02/2024');
    await page.getByTestId('date-from').press('Enter');
    expect(await page.getByTestId('date-from-error').textContent()).toBe('“31/02/2024” não é uma data que existe.');
    expect(await page.getByTestId('date-from').getAttribute('aria-invalid')).toBe('true');
    await expect.poll(range).toBe('1–100 de 300');
    await page.screenshot({ path: screenshotPath('views-impossible-date') });

    await page.getByTestId('date-from').fill(from.toFormat('dd/MM/yyyy'));
    await page.getByTestId('date-from').press('Enter');
    await page.getByTestId('date-to').fill(today.toFormat('d/M/yy'));
    await page.getByTestId('date-to').press('Tab');
    const days = { from: from.toISODate()!, to: today.toISODate()! };
    const expected = await expectedIds(days);
    expect(expected.length).toBeGreaterThan(0);
    await expect.poll(shownIds).toEqual(expected);
    expect(await page.getByTestId('date-from-error').count()).toBe(0);
    expect(await page.getByTestId('date-to').inputValue()).toBe(today.toFormat('dd/MM/yyyy'));
    expect(await chip('dates').textContent()).toContain(
      `Período: ${from.toFormat('dd/MM/yyyy')} – ${today.toFormat('dd/MM/yyyy')}`,
    );
    await page.screenshot({ path: screenshotPath('views-typed-date') });
    await page.getByTestId('clear-filters').click();
    await expect.poll(range).toBe('1–100 de 300');
  });

  it('saves the filter and sort as a view, which a new core on the same data folder still has', async () => {
    await page.getByTestId('payment-filter').locator('summary').click();
    await page.getByTestId('payment-pix').check();
    await page.locator('body').click({ position: { x: 5, y: 810 } });
    await page.getByTestId('review-filter').selectOption('unreviewed');
    await page.getByTestId('orders-table').locator('th.c-total button').click();
    const query: OrderQuery = {
      paymentMethods: ['pix'],
      review: 'unreviewed',
      sort: { key: 'total', direction: 'desc' },
    };
    await expect.poll(shownIds).toEqual(await expectedIds(query));
    await page.getByTestId('view-save').click();
    await page.getByTestId('view-name').fill('PIX a revisar');
    await page.getByTestId('view-name').press('Enter');
    await expect.poll(pressedTab).toEqual(['PIX a revisar']);
    await page.screenshot({ path: screenshotPath('views-saved') });

    // The same name again is refused, in words.
    await page.getByTestId('view-save').click();
    await page.getByTestId('view-name').fill('pix a revisar');
    await page.getByTestId('view-name').press('Enter');
    expect(await page.getByTestId('view-error').textContent()).toBe(
      'Já existe uma visualização chamada “pix a revisar”.',
    );
    await page.getByTestId('view-name').press('Escape');

    // Restart: the window and the core closed, a new core opened on the same data folder.
    await app.close();
    await core.close();
    core = assembleCore({
      appName: 'Balcão',
      version: '9.8.7-test',
      dataDir: first.dataDir,
      shell: 'bridge',
      secrets: first.secrets,
      demo: { orders: 300, customers: 120, timeScale: 60 },
      rateLimit: { timeScale: 60 },
      checkIntegrity: false,
    });
    app = await openApp(core, { viewport: { width: 1280, height: 820 } });
    page = app.page;
    await expect.poll(range, { timeout: 30_000 }).toBe('1–100 de 300');
    expect(await call('views.list', { storeId })).toEqual([
      expect.objectContaining({ name: 'PIX a revisar', filter: query, datePreset: null }),
    ]);
    await page.getByTestId('view-tab').filter({ hasText: 'PIX a revisar' }).click();
    await expect.poll(shownIds).toEqual(await expectedIds(query));
    expect(await chipIds()).toEqual(['payment:pix', 'review']);
    expect(await page.getByTestId('orders-table').locator('th.c-total').getAttribute('aria-sort')).toBe('descending');
    await page.screenshot({ path: screenshotPath('views-after-restart') });
  });

  it('saves a changed sort into the view it came from', async () => {
    await page.getByTestId('orders-table').locator('th.c-total button').click();
    await expect.poll(pressedTab).toEqual([]);
    await page.getByTestId('view-update').click();
    await expect.poll(pressedTab).toEqual(['PIX a revisar']);
    expect((await call('views.list', { storeId }))[0].filter.sort).toEqual({ key: 'total', direction: 'asc' });
  });

  it('renames, moves and deletes the merchant’s own views', async () => {
    await page.getByTestId('view-tab').filter({ hasText: 'Todos' }).click();
    await page.getByTestId('view-tab').filter({ hasText: 'Sinalizados' }).click();
    await page.getByTestId('view-save').click();
    await page.getByTestId('view-name').fill('Sinalizados da semana');
    await page.getByTestId('view-name').press('Enter');
    // The same filter as a ready-made tab: the view just saved is the one shown as current.
    await expect.poll(pressedTab).toEqual(['Sinalizados da semana']);
    await page.getByTestId('view-move-left').click();
    await expect
      .poll(() => page.getByTestId('view-tab').allTextContents())
      .toEqual([
        'Todos',
        'Para revisar',
        'Aguardando pagamento',
        'Sinalizados',
        'Hoje',
        'Sinalizados da semana',
        'PIX a revisar',
      ]);
    await page.getByTestId('view-rename').click();
    await page.getByTestId('view-name').fill('Atenção');
    await page.getByTestId('view-name').press('Enter');
    await page.getByTestId('view-remove').click();
    await page.getByTestId('view-remove-confirm').click();
    await expect
      .poll(() => call('views.list', { storeId }).then((views) => views.map((v) => v.name)))
      .toEqual(['PIX a revisar']);
  });

  it('sorts the customer’s orders by a column and moves through them from the keyboard', async () => {
    await page.getByRole('navigation').getByRole('button', { name: 'Clientes' }).click();
    // The customer with the most orders, so there is an order to sort and to move to.
    const top = (
      await call('customers.list', { storeId, query: { sort: { key: 'orderCount', direction: 'desc' }, limit: 1 } })
    ).rows[0];
    const customerId = top.id;
    await page.getByTestId('customers-sort').selectOption({ index: 2 });
    // Clicked once the list has re-sorted, not while it still shows the order it had.
    const first = page.getByTestId('customers-list').locator('button').first();
    await expect.poll(() => first.textContent()).toContain(top.email ?? top.name ?? '');
    await first.click();
    const orders = page.getByTestId('customer-orders');
    await orders.locator('tbody tr').first().waitFor();
    await orders.getByTestId('customer-orders-sort-total').getByRole('button').click();
    const byTotal = (
      await call('orders.list', {
        storeId,
        query: { customerId, sort: { key: 'total', direction: 'desc' }, limit: 50 },
      })
    ).rows;
    expect(byTotal.length).toBeGreaterThan(1);
    await expect
      .poll(() =>
        orders.locator('tbody tr').evaluateAll((rows) => rows.map((row) => (row as HTMLElement).dataset['orderId'])),
      )
      .toEqual(byTotal.map((row) => String(row.id)));
    expect(await orders.getByTestId('customer-orders-sort-total').getAttribute('aria-sort')).toBe('descending');
    await page.screenshot({ path: screenshotPath('views-customer-orders-sorted') });

    await orders.locator('tbody .row-link').first().focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByTestId('order-detail').getByRole('heading', { level: 2 }).innerText())
      .toBe(`Pedido #${byTotal[1].number}`);
  });

  it('in English: the tabs, mm/dd/yyyy dates and amounts with English separators (dark)', async () => {
    await app.close();
    app = await openApp(core, { locale: 'en', viewport: { width: 1280, height: 820 } });
    page = app.page;
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(range, { timeout: 30_000 }).toBe('1–100 of 300');
    expect(await page.getByTestId('view-tab').allTextContents()).toEqual([
      'All',
      'To review',
      'Awaiting payment',
      'Flagged',
      'Today',
      'PIX a revisar',
    ]);
    await page.getByTestId('date-preset').selectOption('custom');
    expect(await page.getByTestId('date-from').getAttribute('placeholder')).toBe('mm/dd/yyyy');
    await page.getByTestId('date-from').fill('02/30/2024');
    await page.getByTestId('date-from').press('Enter');
    expect(await page.getByTestId('date-from-error').textContent()).toBe('“02/30/2024” is not a date that exists.');
    const today = DateTime.now().setZone(timeZone);
    const from = today.minus({ days: 30 });
    await page.getByTestId('date-from').fill(from.toFormat('MM/dd/yyyy'));
    await page.getByTestId('date-from').press('Enter');
    await page.getByTestId('total-min').fill('1,000.5');
    await page.getByTestId('total-min').press('Enter');
    const expected = await expectedIds({ from: from.toISODate()!, minTotalCents: 100_050 });
    await expect.poll(shownIds).toEqual(expected);
    expect(await chip('total').textContent()).toMatch(/^Total: at least R\$\s?1,000\.50/);
    expect(await chip('dates').textContent()).toMatch(new RegExp(`^Period: from ${from.toFormat('MM/dd/yyyy')}`));
    await page.screenshot({ path: screenshotPath('views-en-dark') });
  });
});
