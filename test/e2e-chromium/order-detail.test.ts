import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startBridge, type Bridge } from '../../src/dev/bridge-server';
import { dispatchTyped } from '../../src/main/core/ipc/dispatcher';
import type { CallInput, CallName, CallResult } from '../../src/shared/ipc/contract';
import type { OrderDetail } from '../../src/shared/domain/order';
import { createTestCore, type TestCore } from '../helpers/core';
import { chromiumAvailable, launchChromium, screenshotPath } from '../helpers/chromium';
import { ensureRendererBuilt } from '../helpers/renderer-build';

const inTestKeyring = process.env['BALCAO_TEST_KEYRING'] === '1';

type Raw = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const KINDS = ['pix', 'boleto', 'card', 'pickup'] as const;
type Kind = (typeof KINDS)[number];

/** The stored record: the detail endpoint's `{ data: [order] }` or the bare order. */
function recordOf(detail: OrderDetail): Raw {
  const raw = detail.raw as Raw;
  return Array.isArray(raw.data) ? raw.data[0] : raw;
}
/** A relation without its `{ data }` envelope; null when absent or sent empty. */
const inner = (value: unknown): Raw | null => {
  const unwrapped = value && typeof value === 'object' && 'data' in value ? (value as Raw).data : value;
  return unwrapped && typeof unwrapped === 'object' ? (unwrapped as Raw) : null;
};

/** The sections the cached record gives the detail, read from the raw JSON alone. */
function expectedSections(record: Raw): Set<string> {
  const transaction = inner(record.transactions);
  const pickup = inner(record.pickup_address);
  const metadata = inner(record.metadata);
  const utm = ['utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content'].some((k) => record[k]);
  const sections = ['summary', 'items', 'totals'];
  if (inner(record.customer)) sections.push('customer');
  if (transaction) sections.push('payment');
  sections.push(pickup && Object.keys(pickup).length > 0 ? 'pickup' : 'delivery');
  if (utm) sections.push('utm');
  if (Array.isArray(metadata) && metadata.length > 0) sections.push('metadata');
  if ((inner(record.statuses) as unknown[] | null)?.length) sections.push('history');
  return new Set(sections);
}

/** Text the detail must show for a record: what the merchant reads, straight from the raw JSON. */
function expectedTexts(record: Raw): string[] {
  const transaction = (
    Array.isArray(inner(record.transactions)) ? inner(record.transactions)![0] : inner(record.transactions)
  ) as Raw;
  const pickup = inner(record.pickup_address) as Raw | null;
  const texts = [
    ...(record.items as Raw[]).map((item) => item.item_sku),
    record.utm_source,
    record.utm_medium,
    record.utm_campaign,
    transaction.truncated_card,
    transaction.holder_name,
    transaction.billet_barcode,
    transaction.antifraud_status,
    transaction.antifraud_score,
    transaction.bank_name,
    inner(record.promocode)?.code,
    inner(record.customer)?.email,
  ];
  if (pickup?.local_description) texts.push(pickup.local_description);
  else texts.push(record.shipment_service, record.track_code);
  return texts.filter((text): text is string => typeof text === 'string' && text.length > 0);
}

describe.skipIf(!chromiumAvailable || !inTestKeyring)('the whole order on one screen (Chromium)', () => {
  let core: TestCore;
  let bridge: Bridge;
  let browser: Browser;
  let page: Page;
  let storeId: string;
  const chosen = new Map<Kind, OrderDetail>();

  async function call<N extends CallName>(name: N, input: CallInput<N>): Promise<CallResult<N>> {
    const result = await dispatchTyped(core.dispatch, name, input);
    if (!result.ok) throw new Error(`${name}: ${result.error.code}`);
    return result.value;
  }

  beforeAll(async () => {
    ensureRendererBuilt();
    core = createTestCore();
    bridge = await startBridge({ dispatch: core.dispatch, events: core.events, staticDir: resolve('out/renderer') });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1024, height: 700 }, colorScheme: 'light' });
    await page.goto(bridge.appUrl);
    await page.getByTestId('try-demo').click();
    await page.getByTestId('store-switcher').waitFor();
    await page
      .getByTestId('orders-pager')
      .getByTestId('range')
      .filter({ hasText: '1–100 de 300' })
      .waitFor({ timeout: 60_000 });
    storeId = (await call('stores.list', undefined))[0].id;
    const all = (await call('orders.list', { storeId, query: { limit: 500 } })).rows;
    for (const row of all) {
      const detail = await call('orders.get', { storeId, orderId: row.id });
      const record = recordOf(detail);
      const transaction = detail.order.transactions[0]?.more ?? {};
      const kind: Kind | null = inner(record.pickup_address)?.id
        ? 'pickup'
        : row.paymentAlias === 'pix'
          ? 'pix'
          : row.paymentAlias === 'billet'
            ? 'boleto'
            : transaction.maskedCard && record.track_code
              ? 'card'
              : null;
      if (kind && !chosen.has(kind)) chosen.set(kind, detail);
      if (chosen.size === KINDS.length) break;
    }
  });

  afterAll(async () => {
    await browser?.close();
    await bridge?.close();
    await core?.dispose();
  });

  async function openOrder(detail: OrderDetail): Promise<void> {
    if (await page.getByTestId('order-detail').isVisible()) await page.keyboard.press('Escape');
    const number = String(detail.order.number ?? detail.order.id);
    await page.getByTestId('orders-search').fill(number);
    const row = page.locator(`tr[data-order-id="${detail.order.id}"]`);
    await row.waitFor();
    await row.click();
    await expect
      .poll(() => page.getByTestId('order-detail').getByRole('heading', { level: 2 }).innerText())
      .toBe(`Pedido #${number}`);
  }

  it.each(KINDS)('a %s order shows every section its cached record holds, and no other', async (kind) => {
    const detail = chosen.get(kind);
    expect(detail, `the demo store has a ${kind} order`).toBeDefined();
    const record = recordOf(detail!);
    await openOrder(detail!);
    const panel = page.getByTestId('order-detail');
    const shown = await panel
      .locator('[data-testid^="order-section-"]')
      .evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-testid')!.replace('order-section-', '')));
    expect(new Set(shown)).toEqual(expectedSections(record));
    const text = await panel.innerText();
    for (const expected of expectedTexts(record)) expect(text).toContain(expected);
    // Left out, not shown empty.
    expect(text).not.toMatch(/:\s*$/m);
    if (kind === 'pix') expect(text).toContain('PIX expira em');
    if (kind === 'boleto') {
      // The preview's bridge has no browser to open: it says so instead of opening anything.
      await panel.getByTestId('order-open-boleto').click();
      await expect.poll(() => panel.getByTestId('order-link-notice').textContent()).toContain('aplicativo instalado');
    }
    if (kind === 'pickup') {
      expect(text.toLowerCase()).toContain('retirada na loja');
      // A pickup is not a delivery with free shipping.
      if (Number(record.value_shipment) === 0) expect(text).not.toContain('Frete');
    }
    if (record.track_url) await panel.getByTestId('order-open-tracking').waitFor();

    for (const [width, height] of [
      [1024, 700],
      [1920, 1080],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.screenshot({ path: screenshotPath(`order-detail-${kind}-${width}x${height}`) });
      // The whole panel, unscrolled: it grows to its content for this picture only.
      await panel.evaluate((node: HTMLElement) => {
        node.dataset.style = node.getAttribute('style') ?? '';
        node.setAttribute('style', 'position:absolute;max-height:none;bottom:auto;overflow:visible');
      });
      await page.screenshot({ path: screenshotPath(`order-detail-${kind}-${width}x${height}-full`), fullPage: true });
      await panel.evaluate((node: HTMLElement) => node.setAttribute('style', node.dataset.style ?? ''));
    }
    await page.setViewportSize({ width: 1024, height: 700 });
    await page.keyboard.press('Escape');
  });

  it('leads from an order to its customer, with addresses and orders, and back to the order', async () => {
    const detail = chosen.get('card')!;
    await openOrder(detail);
    await page.getByTestId('order-detail').getByTestId('order-open-customer').click();
    const customer = page.getByTestId('customer-detail');
    await expect.poll(() => customer.getByRole('heading', { level: 2 }).innerText()).toBe(detail.order.customer!.name);
    const addresses = await call('customers.get', { storeId, customerId: detail.order.customer!.id! });
    expect(await customer.getByTestId('customer-addresses').locator('li').count()).toBe(addresses.addresses.length);
    await customer.locator(`tr[data-order-id="${detail.order.id}"]`).waitFor();
    await page.screenshot({ path: screenshotPath('customer-from-order-1024x700') });
    await page.getByTestId('back-to-order').click();
    await expect
      .poll(() => page.getByTestId('order-detail').getByRole('heading', { level: 2 }).innerText())
      .toBe(`Pedido #${detail.order.number}`);
  });
});
