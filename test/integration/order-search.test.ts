import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listOrders } from '../../src/main/core/db';
import { rebuildOrderSearchIndex } from '../../src/main/core/db/search/keys';
import { syncFixture, type SyncFixture } from '../sync/helpers';

/**
 * The one search box finds an order by its products' names, its delivery city, its CEP and its coupon, over a cache
 * a real sync filled from the fake store. What each search must find is read from the cached columns the sync
 * wrote (items, shipping address, promo code), not from the search index.
 */
let fx: SyncFixture;
let cached: { id: number; items: string[]; city: string | null; zipcode: string | null; coupon: string | null }[];

beforeAll(async () => {
  fx = await syncFixture({ orders: 300, customers: 120 });
  const outcome = await fx.core.sync.run(fx.store.id, 'auto', { credentials: fx.credentials });
  expect(outcome.ok).toBe(true);
  const rows = fx.core.db
    .prepare(
      `SELECT o.id, o.promocode_code AS coupon, a.city, a.zipcode,
         (SELECT json_group_array(name) FROM order_items WHERE order_pk = o.pk AND name IS NOT NULL) AS items
       FROM orders o LEFT JOIN order_addresses a ON a.order_pk = o.pk WHERE o.store_id = ?`,
    )
    .all(fx.store.id) as {
    id: number;
    coupon: string | null;
    city: string | null;
    zipcode: string | null;
    items: string;
  }[];
  cached = rows.map((r) => ({ ...r, items: JSON.parse(r.items) as string[] }));
}, 120_000);

afterAll(async () => {
  await fx?.dispose();
});

/** Every order the search finds (all pages), in id order. */
function found(search: string): number[] {
  const page = listOrders(fx.core.db, fx.store.id, { search, limit: 500 });
  expect(page.totalIsExact).toBe(true);
  expect(page.total).toBe(page.rows.length);
  return page.rows.map((r) => r.id).sort((a, b) => a - b);
}

const ids = (keep: (o: (typeof cached)[number]) => boolean) =>
  cached
    .filter(keep)
    .map((o) => o.id)
    .sort((a, b) => a - b);

const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

describe('search by product name, city, CEP and coupon (after a sync)', () => {
  it('finds a product by its name, with or without accents, in any case', () => {
    for (const name of ['Sérum Facial Vitamina C', 'Caneca Cerâmica Artesanal']) {
      const expected = ids((o) => o.items.includes(name));
      expect(expected.length).toBeGreaterThan(0);
      const words = name.split(' ').slice(0, 2).join(' ');
      for (const typed of [words, fold(words), words.toUpperCase(), name]) expect(found(typed)).toEqual(expected);
    }
    // As typed so far: the last word is a prefix.
    expect(found('caneca cera')).toEqual(ids((o) => o.items.includes('Caneca Cerâmica Artesanal')));
  });

  it('finds the orders delivered to a city, with or without accents', () => {
    // Cities whose words are no one's name in the fake store (Vitória or São Luís would also find people).
    const city = ['Florianópolis', 'Uberlândia', 'Goiânia', 'Niterói', 'Cuiabá', 'Ribeirão Preto'].find(
      (name) => ids((o) => o.city === name).length > 0,
    );
    if (city === undefined) throw new Error('the fake store delivered to none of the cities');
    const expected = ids((o) => o.city === city);
    for (const typed of [city, fold(city), city.toUpperCase()]) expect(found(typed)).toEqual(expected);
  });

  it('finds a CEP typed with or without its dash, and by its first digits', () => {
    const order = cached.find((o) => o.zipcode !== null && /^\d{8}$/.test(o.zipcode.replace(/\D/g, '')));
    if (order?.zipcode == null) throw new Error('no order with a CEP');
    const digits = order.zipcode.replace(/\D/g, '');
    const expected = ids((o) => o.zipcode?.replace(/\D/g, '') === digits);
    expect(expected).toContain(order.id);
    expect(found(digits)).toEqual(expected);
    expect(found(`${digits.slice(0, 5)}-${digits.slice(5)}`)).toEqual(expected);
    expect(found(` ${digits.slice(0, 5)} - ${digits.slice(5)} `)).toEqual(expected);
    // The first five digits: at least every order of that CEP range.
    const range = ids((o) => o.zipcode?.replace(/\D/g, '').startsWith(digits.slice(0, 5)) === true);
    expect(found(digits.slice(0, 5))).toEqual(expect.arrayContaining(range));
    expect(found(`${digits.slice(0, 5)}-`)).toEqual(expect.arrayContaining(range));
  });

  it('finds the orders that used a coupon, in any case', () => {
    for (const code of ['FRETEGRATIS', 'BEMVINDO10', 'PIX5']) {
      const expected = ids((o) => o.coupon === code);
      expect(expected.length).toBeGreaterThan(0);
      for (const typed of [code, code.toLowerCase()]) expect(found(typed)).toEqual(expected);
    }
  });

  it('combines a new field with a customer word and still keeps the other store-wide rules', () => {
    const order = cached.find((o) => o.coupon === 'BEMVINDO10' && o.city !== null)!;
    const both = found(`bemvindo10 ${fold(order.city!)}`);
    expect(both).toContain(order.id);
    expect(both).toEqual(ids((o) => o.coupon === 'BEMVINDO10' && o.city === order.city));
  });

  it('finds the same once the index is rebuilt from the cached rows (as a new index version does on open)', () => {
    const withCep = cached.find((o) => o.zipcode !== null)!;
    const searches = [
      'serum facial',
      'fretegratis',
      fold(withCep.city ?? ''),
      `${withCep.zipcode!.replace(/\D/g, '').slice(0, 5)}-${withCep.zipcode!.replace(/\D/g, '').slice(5)}`,
    ];
    const before = searches.map(found);
    for (const ids of before) expect(ids.length).toBeGreaterThan(0);
    fx.core.db.transaction(() => rebuildOrderSearchIndex(fx.core.db))();
    expect(searches.map(found)).toEqual(before);
  });
});
