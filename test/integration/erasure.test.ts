import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatchTyped } from '../../src/main/core/ipc/dispatcher';
import type { StoreRemovalProgress } from '../../src/shared/domain/app';
import { syncFixture, type SyncFixture } from '../sync/helpers';

const inTestKeyring = process.env['BALCAO_TEST_KEYRING'] === '1';

let fx: SyncFixture | null = null;
afterEach(async () => {
  await fx?.dispose();
  fx = null;
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Each CPF, e-mail, phone and street of the store as the cache holds them (plain and as JSON writes them). */
function personalValues(fx: SyncFixture): string[] {
  const rows = fx.core.db
    .prepare(
      `SELECT email AS v FROM customers WHERE store_id = @s UNION SELECT tax_id FROM customers WHERE store_id = @s
       UNION SELECT phone FROM customers WHERE store_id = @s UNION SELECT customer_email FROM orders WHERE store_id = @s
       UNION SELECT customer_tax_id FROM orders WHERE store_id = @s UNION SELECT customer_phone FROM orders WHERE store_id = @s
       UNION SELECT street FROM order_addresses WHERE store_id = @s`,
    )
    .all({ s: fx.store.id }) as { v: string | null }[];
  const values = rows.map((r) => r.v).filter((v): v is string => v !== null && v.length >= 6);
  return [...new Set(values.flatMap((v) => [v, JSON.stringify(v).slice(1, -1)]))];
}

describe.skipIf(!inTestKeyring)('removing a store erases its personal data from the data folder', () => {
  it('leaves no CPF, e-mail, phone or street of the store in any file, WAL and logs included', async () => {
    fx = await syncFixture();
    const outcome = await fx.core.sync.run(fx.store.id, 'auto', { credentials: fx.credentials });
    expect(outcome.ok).toBe(true);
    // A saved view named after a customer: the merchant's own words about the store go too.
    const viewName = 'Clientes-de-Campinas-VIP';
    const saved = await dispatchTyped(fx.core.dispatch, 'views.save', {
      storeId: fx.store.id,
      name: viewName,
      filter: { search: 'campinas', review: 'flagged' },
      datePreset: null,
    });
    expect(saved.ok).toBe(true);
    const values = [...personalValues(fx), viewName];
    expect(values.length).toBeGreaterThan(500);
    // A reviewed order, so the reviewed orders' totals have rows to erase.
    const [first] = fx.core.db.prepare('SELECT id FROM orders WHERE store_id = ? LIMIT 1').all(fx.store.id) as {
      id: number;
    }[];
    expect(
      (
        await dispatchTyped(fx.core.dispatch, 'orders.setReview', {
          storeId: fx.store.id,
          orderId: first.id,
          reviewed: true,
        })
      ).ok,
    ).toBe(true);
    // The Painel's totals, first sales and customers' months, and the reviewed orders' totals (no personal data, but
    // the store's sales) go with it too.
    const totals = () =>
      [
        'order_slice_totals',
        'order_day_statuses',
        'order_day_payments',
        'order_sku_months',
        'customer_first_sales',
        'order_reviewed_totals',
        'order_reviewed_day_totals',
        'customer_sale_months',
        'order_hour_totals',
      ].map(
        (table) =>
          fx!.core.db.prepare(`SELECT count(*) AS n FROM ${table} WHERE store_id = ?`).get(fx!.store.id) as {
            n: number;
          },
      );
    for (const { n } of totals()) expect(n).toBeGreaterThan(0);
    const before = filesUnder(fx.core.dataDir).map((f) => readFileSync(f));
    expect(values.filter((v) => before.some((b) => b.includes(v))).length).toBe(values.length);

    const sender = { name: 'Remetente', taxId: null, street: 'Rua Apagada', number: '1', complement: null };
    const place = { neighborhood: null, city: 'Natal', uf: 'RN', zipcode: '59000-000' };
    const set = await dispatchTyped(fx.core.dispatch, 'export.setSender', {
      storeId: fx.store.id,
      sender: { ...sender, ...place },
    });
    expect(set.ok).toBe(true);
    const counts = fx.core.db
      .prepare('SELECT (SELECT count(*) FROM orders) + (SELECT count(*) FROM customers) AS n')
      .get() as { n: number };
    const heard: StoreRemovalProgress[] = [];
    const unsubscribe = fx.core.events.subscribeAll((event, payload) => {
      if (event === 'stores.removal') heard.push(payload as StoreRemovalProgress);
    });
    expect(await dispatchTyped(fx.core.dispatch, 'stores.remove', { id: fx.store.id })).toEqual({
      ok: true,
      value: null,
    });
    unsubscribe();
    // The dialog hears the rows go, counted up to all of them, then the index, then the compaction.
    expect(heard.every((p) => p.storeId === fx!.store.id)).toBe(true);
    const phases = heard.map((p) => p.phase).filter((phase, i, all) => phase !== all[i - 1]);
    expect(phases).toEqual(['rows', 'index', 'compact']);
    const rows = heard.filter((p) => p.phase === 'rows');
    expect(rows.length).toBeGreaterThan(2);
    expect(rows.map((p) => p.done)).toEqual([...rows.map((p) => p.done)].sort((a, b) => a - b));
    expect(rows.at(-1)).toMatchObject({ done: counts.n, total: counts.n });

    // While the app runs (the connection open), then after it closed.
    const scan = () => {
      const files = filesUnder(fx!.core.dataDir).map((f) => ({ f, bytes: readFileSync(f) }));
      return values.flatMap((v) => files.filter(({ bytes }) => bytes.includes(v)).map(({ f }) => `${f}: ${v}`));
    };
    expect(scan()).toEqual([]);
    for (const { n } of totals()) expect(n).toBe(0);
    // The merchant's own copy (merchant.db) keeps nothing of the store either.
    expect(fx.core.db.prepare('SELECT count(*) AS n FROM merchant.stores').get()).toEqual({ n: 0 });
    expect(fx.core.db.prepare('SELECT count(*) AS n FROM merchant.review_state').get()).toEqual({ n: 0 });
    expect(fx.core.db.prepare('SELECT count(*) AS n FROM merchant.store_sender').get()).toEqual({ n: 0 });
    expect(fx.core.db.prepare('SELECT count(*) AS n FROM merchant.saved_views').get()).toEqual({ n: 0 });
    await fx.core.close();
    expect(scan()).toEqual([]);
    expect(fx.core.db.open).toBe(false);
  });
});
