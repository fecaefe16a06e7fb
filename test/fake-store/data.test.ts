import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeStore } from '../../src/main/core/fake-store';
import { api, apiOk, fetchAll, startUnlimited, unwrap, wallTime, type Json } from './helpers';

const ALL =
  'items,customer,transactions,status,statuses,shipping_address,payments,promocode,pix,whatsapp,pickup_address,metadata,services';

let store: FakeStore;
let orders: Json[];
beforeAll(async () => {
  store = await startUnlimited({ seed: 3, orders: 800, customers: 300 });
  orders = await fetchAll(store, `/orders?include=${ALL}`);
});
afterAll(() => store.close());

/** Key paths of a sample: arrays by their first element, `{ data: X }` read through to X. */
function keyPaths(value: unknown, prefix = ''): string[] {
  const v = unwrap(value);
  const node = Array.isArray(v) ? v[0] : v;
  if (!node || typeof node !== 'object') return [];
  return Object.entries(node as Json).flatMap(([k, child]) => [`${prefix}${k}`, ...keyPaths(child, `${prefix}${k}.`)]);
}

/** Does `path` exist in `value`, with the same reading (any array element, wrappers unwrapped)? */
function hasPath(value: unknown, path: string[]): boolean {
  if (path.length === 0) return true;
  const v = unwrap(value);
  if (Array.isArray(v)) return v.some((el) => hasPath(el, path));
  if (!v || typeof v !== 'object') return false;
  return path[0] in v && hasPath((v as Json)[path[0]], path.slice(1));
}

function fixture(name: string): Json {
  return (JSON.parse(readFileSync(`test/fixtures/${name}`, 'utf8')) as { data: Json[] }).data[0];
}

const cents = (n: unknown) => Math.round(Number(n) * 100);

function validCpf(cpf: string): boolean {
  const d = cpf.replace(/\D/g, '').split('').map(Number);
  if (d.length !== 11 || new Set(d).size === 1) return false;
  const dv = (n: number) => {
    const s = d.slice(0, n).reduce((acc, x, i) => acc + x * (n + 1 - i), 0);
    return ((s * 10) % 11) % 10;
  };
  return dv(9) === d[9] && dv(10) === d[10];
}

function validCnpj(cnpj: string): boolean {
  const d = cnpj.replace(/\D/g, '').split('').map(Number);
  if (d.length !== 14) return false;
  const dv = (n: number) => {
    const w = n === 12 ? [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2] : [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];
    const r = d.slice(0, n).reduce((acc, x, i) => acc + x * w[i], 0) % 11;
    return r < 2 ? 0 : 11 - r;
  };
  return dv(12) === d[12] && dv(13) === d[13];
}

describe('reference sample coverage', () => {
  it('finds every key path of the order sample in generated orders (all includes)', () => {
    const missing = keyPaths(fixture('reference-order.json')).filter(
      (p) => !orders.some((o) => hasPath(o, p.split('.'))),
    );
    expect(missing).toEqual([]);
    // Real orders carry these though the sample does not.
    for (const o of orders.slice(0, 50)) {
      expect(Number.isInteger(o.id)).toBe(true);
      for (const k of ['created_at', 'updated_at'])
        expect((o[k] as Json).date).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.000000$/);
    }
  });

  it('finds every key path of the customer sample in generated customers', async () => {
    const customers = await fetchAll(store, '/customers');
    const missing = keyPaths(fixture('reference-customer.json')).filter(
      (p) => !customers.some((c) => hasPath(c, p.split('.'))),
    );
    expect(missing).toEqual([]);
  });

  it('the walker sees nested paths (guards against a vacuous pass)', () => {
    const paths = keyPaths(fixture('reference-order.json'));
    expect(paths).toContain('transactions.payment.alias');
    expect(paths).toContain('customer.spreadsheet.last_order_date.date');
    expect(hasPath({ a: { data: [{ b: 1 }] } }, ['a', 'b'])).toBe(true);
    expect(hasPath({ a: { data: [{ b: 1 }] } }, ['a', 'c'])).toBe(false);
  });
});

describe('generated data', () => {
  it('gives every customer valid CPF (and CNPJ for companies), phones and e-mails', async () => {
    const customers = await fetchAll(store, '/customers');
    expect(customers.some((c) => c.type === 'j')).toBe(true);
    expect(customers.some((c) => c.type === 'f')).toBe(true);
    expect(customers.some((c) => /[áéíóúâêôãõç]/i.test(c.name as string))).toBe(true);
    for (const c of customers) {
      expect(validCpf(c.cpf as string)).toBe(true);
      if (c.type === 'j') expect(validCnpj(c.cnpj as string)).toBe(true);
      expect((c.phone as Json).formated_number).toMatch(/^\(\d{2}\) 9\d{4}-\d{4}$/);
      expect(c.email).toMatch(/^[a-z0-9.]+@[a-z.]+$/);
    }
  });

  it('keeps totals consistent: items sum to products, total = products + shipment − discount + tax', () => {
    for (const o of orders) {
      const items = o.items as Json[];
      expect(items.reduce((s, it) => s + cents(it.price) * Number(it.quantity), 0)).toBe(cents(o.value_products));
      expect(cents(o.value_total)).toBe(
        cents(o.value_products) + cents(o.value_shipment) - cents(o.value_discount) + cents(o.value_tax),
      );
      const formatted = (cents(o.value_total) / 100)
        .toFixed(2)
        .replace('.', ',')
        .replace(/\B(?=(\d{3})+(?!\d))/g, '.');
      expect(o.value_total_formated).toBe(`R$ ${formatted}`);
      const tx = unwrap(o.transactions) as Json[];
      expect(cents(tx[0].amount)).toBe(cents(o.value_total));
    }
    expect(orders.some((o) => (o.items as Json[]).some((it) => it.bundle_id !== null))).toBe(true);
    expect(orders.some((o) => (unwrap(o.promocode) as Json | null)?.code)).toBe(true);
  });

  it('uses pix, billet and several card brands, with instalments', () => {
    const aliases = new Set(orders.map((o) => (unwrap((unwrap(o.transactions) as Json[])[0].payment) as Json).alias));
    for (const a of ['pix', 'billet', 'visa', 'mastercard']) expect(aliases.has(a)).toBe(true);
    expect(orders.some((o) => Number((unwrap(o.transactions) as Json[])[0].installments) > 1)).toBe(true);
  });

  it('keeps status, history, delivered flag and tracking code consistent', () => {
    const next: Record<string, string[]> = {
      waiting_payment: ['authorized', 'paid', 'cancelled', 'refused'],
      authorized: ['paid'],
      paid: ['handling_products', 'cancelled'],
      handling_products: ['invoiced', 'refunded'],
      invoiced: ['ready_for_shipping'],
      ready_for_shipping: ['on_carriage'],
      on_carriage: ['delivered', 'shipment_exception'],
      shipment_exception: ['delivered', 'refunded'],
    };
    const seen = new Set<string>();
    for (const o of orders) {
      const history = unwrap(o.statuses) as Json[];
      const status = unwrap(o.status) as Json;
      seen.add(status.alias as string);
      expect(history[0].alias).toBe('waiting_payment');
      expect(history[history.length - 1].alias).toBe(status.alias);
      expect(o.status_id).toBe(status.id);
      for (let i = 1; i < history.length; i++) {
        expect(next[history[i - 1].alias as string]).toContain(history[i].alias);
        expect(wallTime(history[i].created_at) >= wallTime(history[i - 1].created_at)).toBe(true);
      }
      expect(o.delivered).toBe(status.alias === 'delivered');
      const shipped = history.some((h) => h.alias === 'on_carriage');
      if (o.shipment_service !== 'Retirar na loja') expect(o.track_code !== null).toBe(shipped);
      expect((o.updated_at as Json).date).toBe((history[history.length - 1].created_at as Json).date);
    }
    for (const a of ['waiting_payment', 'delivered', 'cancelled', 'on_carriage']) expect(seen.has(a)).toBe(true);
  });

  it('matches CEP, UF and city from the same place, and spreads orders over months', () => {
    const months = new Set(orders.map((o) => (o.created_at as Json).date!.toString().slice(0, 7)));
    expect(months.size).toBeGreaterThanOrEqual(3);
    for (const o of orders) {
      const a = (o.address as Json[])[0];
      expect(a.zipcode).toMatch(/^\d{5}-\d{3}$/);
      expect(a.full_address).toContain(`${a.city} - ${a.uf}`);
    }
    const sp = orders.map((o) => (o.address as Json[])[0]).filter((a) => a.city === 'São Paulo');
    for (const a of sp) expect(a.uf).toBe('SP');
  });
});

describe('determinism and scale', () => {
  it('gives right totals over 10,000 orders and byte-identical pages for the same seed', async () => {
    const [a, b, c] = await Promise.all([
      startUnlimited({ seed: 42, orders: 10_000, customers: 2000 }),
      startUnlimited({ seed: 42, orders: 10_000, customers: 2000 }),
      startUnlimited({ seed: 43, orders: 10_000, customers: 2000 }),
    ]);
    try {
      const first = await apiOk(a, '/orders?limit=100');
      expect((first.meta as { pagination: Json }).pagination).toMatchObject({ total: 10_000, total_pages: 100 });
      const last = await apiOk(a, '/orders?limit=100&page=100');
      expect((last.data as Json[]).length).toBe(100);
      const ids = new Set<unknown>();
      for (let page = 1; page <= 100; page++)
        for (const o of (await apiOk(a, `/orders?limit=100&page=${page}`)).data as Json[]) ids.add(o.id);
      expect(ids.size).toBe(10_000);
      for (const path of [
        `/orders?limit=100&page=37&include=${ALL}`,
        '/customers?limit=100&page=4&include=addresses',
        '/checkout/statuses',
      ]) {
        const [ta, tb, tc] = await Promise.all([api(a, path), api(b, path), api(c, path)]);
        expect(ta.text).toBe(tb.text);
        expect(ta.text).not.toBe(tc.text);
      }
    } finally {
      await Promise.all([a.close(), b.close(), c.close()]);
    }
  });

  it('quirks mode sends strings for numbers, nulls, missing relations and extra fields, the same way each time', async () => {
    const q = await startUnlimited({ seed: 3, orders: 800, customers: 300, quirks: true });
    try {
      const quirky = await fetchAll(q, `/orders?include=${ALL}`);
      expect(quirky.some((o) => typeof o.value_total === 'string')).toBe(true);
      expect(quirky.some((o) => !('customer' in o))).toBe(true);
      expect(quirky.some((o) => o.shipment_service === null)).toBe(true);
      expect(quirky.some((o) => Object.keys(o).some((k) => !(k in orders[0])))).toBe(true);
      expect(quirky.some((o) => !Array.isArray((o.transactions as Json | undefined)?.data) && o.transactions)).toBe(
        true,
      );
      // Underneath the quirks, the same store.
      expect(quirky.map((o) => Number(o.id))).toEqual(orders.map((o) => o.id));
      const shapes = await Promise.all(
        quirky.slice(0, 20).map(async (o) => Array.isArray((await apiOk(q, `/orders/${o.id}`)).data)),
      );
      expect(shapes).toContain(true);
      expect(shapes).toContain(false);
      expect((await api(q, '/orders?limit=100&page=3')).text).toBe((await api(q, '/orders?limit=100&page=3')).text);
    } finally {
      await q.close();
    }
  });
});
