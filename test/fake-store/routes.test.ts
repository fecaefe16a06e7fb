import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeStore } from '../../src/main/core/fake-store';
import { api, apiOk, fetchAll, startUnlimited, unwrap, wallTime, type Json } from './helpers';

let store: FakeStore;
let all: Json[];

beforeAll(async () => {
  store = await startUnlimited({ seed: 7, orders: 600, customers: 150 });
  all = await fetchAll(store, '/orders?include=customer,status');
});
afterAll(() => store.close());

const statusAlias = (o: Json) => (unwrap(o.status) as Json).alias as string;

describe('order list', () => {
  it('pages with Fractal pagination metadata', async () => {
    const body = await apiOk(store, '/orders?limit=50&page=3');
    const p = (body.meta as { pagination: Json }).pagination;
    expect(p).toMatchObject({ total: 600, count: 50, per_page: 50, current_page: 3, total_pages: 12 });
    expect((p.links as Json).next).toContain('page=4');
    expect((p.links as Json).previous).toContain('page=2');
    expect(body.data as Json[]).toHaveLength(50);
    const last = await apiOk(store, '/orders?limit=50&page=12');
    expect(((last.meta as { pagination: Json }).pagination.links as Json).next).toBeUndefined();
    const past = await apiOk(store, '/orders?limit=50&page=13');
    expect(past.data).toEqual([]);
  });

  it('walks every order exactly once, newest first by default', () => {
    expect(all).toHaveLength(600);
    expect(new Set(all.map((o) => o.id)).size).toBe(600);
    for (let i = 1; i < all.length; i++)
      expect(wallTime(all[i - 1].created_at) >= wallTime(all[i].created_at)).toBe(true);
  });

  it('refuses a limit above 100 with 422', async () => {
    const r = await api(store, '/orders?limit=101');
    expect(r.status).toBe(422);
    expect(r.body.errors).toHaveProperty('limit');
    expect(typeof r.body.message).toBe('string');
    expect((await api(store, '/orders?limit=100')).status).toBe(200);
    expect((await api(store, '/orders?page=0')).status).toBe(422);
  });

  it('includes relations only when asked, wrapped as the reference shows', async () => {
    const bare = (await apiOk(store, '/orders?limit=1')).data as Json[];
    expect(bare[0]).not.toHaveProperty('items');
    expect(bare[0]).not.toHaveProperty('customer');
    expect(bare[0]).toHaveProperty('value_total');
    const full = (
      (await apiOk(store, '/orders?limit=1&include=items,customer,transactions,status,shipping_address,payments'))
        .data as Json[]
    )[0];
    expect(Array.isArray(full.items)).toBe(true);
    expect(Array.isArray(full.address)).toBe(true);
    expect(Array.isArray(full.payments)).toBe(true);
    expect((full.customer as Json).data).toMatchObject({ id: full.customer_id });
    expect((full.status as Json).data).toHaveProperty('alias');
    expect(Array.isArray((full.transactions as Json).data)).toBe(true);
  });

  it('filters by an inclusive day range in São Paulo time, one date meaning that day', async () => {
    const day = wallTime(all[300].created_at).slice(0, 10);
    const later = wallTime(all[250].created_at).slice(0, 10);
    const one = await fetchAll(store, `/orders?date=created_at:${day}`);
    expect(one.map((o) => o.id)).toEqual(all.filter((o) => wallTime(o.created_at).startsWith(day)).map((o) => o.id));
    expect(one.length).toBeGreaterThan(0);
    const range = await fetchAll(store, `/orders?date=created_at:${day}|${later}`);
    const expected = all.filter((o) => {
      const d = wallTime(o.created_at).slice(0, 10);
      return d >= day && d <= later;
    });
    expect(range.map((o) => o.id)).toEqual(expected.map((o) => o.id));
    expect((await api(store, '/orders?date=yesterday')).status).toBe(422);
  });

  it('filters by status_id[] and ignores a bare status_id', async () => {
    const statuses = (await apiOk(store, '/checkout/statuses')).data as Json[];
    const id = (alias: string) => statuses.find((s) => s.alias === alias)!.id;
    const got = await fetchAll(
      store,
      `/orders?include=status&status_id[]=${id('delivered')}&status_id[]=${id('cancelled')}`,
    );
    const expected = all.filter((o) => ['delivered', 'cancelled'].includes(statusAlias(o)));
    expect(got.map((o) => o.id)).toEqual(expected.map((o) => o.id));
    expect(expected.length).toBeGreaterThan(0);
    const bare = await apiOk(store, `/orders?status_id=${id('delivered')}`);
    expect((bare.meta as { pagination: Json }).pagination.total).toBe(600);
  });

  it('searches by customer name (accent-insensitive), e-mail and order number', async () => {
    const target = all[42];
    const customer = unwrap(target.customer) as Json;
    const byNumber = await fetchAll(store, `/orders?q=${target.number}`);
    expect(byNumber.map((o) => o.id)).toContain(target.id);
    const byEmail = await fetchAll(store, `/orders?include=customer&q=${encodeURIComponent(customer.email as string)}`);
    expect(byEmail.length).toBeGreaterThan(0);
    for (const o of byEmail) expect((unwrap(o.customer) as Json).email).toBe(customer.email);
    const lastName = (customer.last_name as string).split(' ')[0];
    const ascii = lastName
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase();
    const byName = await fetchAll(store, `/orders?include=customer&q=${encodeURIComponent(ascii)}`);
    expect(byName.map((o) => o.id)).toContain(target.id);
    const expected = all.filter((o) =>
      ((unwrap(o.customer) as Json).name as string)
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .includes(ascii),
    );
    expect(byName.length).toBe(expected.length);
  });

  it('filters by customer_id', async () => {
    const cid = all[10].customer_id;
    const got = await fetchAll(store, `/orders?customer_id=${cid}`);
    expect(got.map((o) => o.id)).toEqual(all.filter((o) => o.customer_id === cid).map((o) => o.id));
  });

  it('sorts by id and updated_at both ways', async () => {
    const asc = await fetchAll(store, '/orders?orderBy=id&sortedBy=asc');
    expect(asc.map((o) => o.id)).toEqual([...all.map((o) => o.id as number)].sort((a, b) => a - b));
    const upd = await fetchAll(store, '/orders?orderBy=updated_at&sortedBy=desc');
    for (let i = 1; i < upd.length; i++)
      expect(wallTime(upd[i - 1].updated_at) >= wallTime(upd[i].updated_at)).toBe(true);
    expect((await api(store, '/orders?orderBy=total')).status).toBe(422);
  });

  it('scrolls through every order and ends with an empty batch', async () => {
    const first = await apiOk(store, '/orders?scroll=true&limit=100');
    const scrollId = first.scroll_id as string;
    expect(typeof scrollId).toBe('string');
    const seen = [...(first.data as Json[])];
    for (;;) {
      const next = await apiOk(store, `/orders?scroll_id=${scrollId}`);
      if ((next.data as Json[]).length === 0) break;
      seen.push(...(next.data as Json[]));
    }
    expect(seen.map((o) => o.id)).toEqual(all.map((o) => o.id));
  });
});

describe('order detail', () => {
  it('returns one order inside a data array, with includes', async () => {
    const target = all[5];
    const body = await apiOk(store, `/orders/${target.id}?include=items,status`);
    expect(Array.isArray(body.data)).toBe(true);
    const [order] = body.data as Json[];
    expect(order.id).toBe(target.id);
    expect(Array.isArray(order.items)).toBe(true);
    expect(store.expectedOrder(target.id as number, 'items,status')).toEqual(order);
  });

  it('404s an unknown order', async () => {
    const r = await api(store, '/orders/1');
    expect(r.status).toBe(404);
    expect(typeof r.body.message).toBe('string');
  });
});

describe('customers', () => {
  it('lists, pages and includes addresses', async () => {
    const body = await apiOk(store, '/customers?limit=20&page=2&include=addresses');
    expect((body.meta as { pagination: Json }).pagination).toMatchObject({
      total: 150,
      count: 20,
      current_page: 2,
      total_pages: 8,
    });
    const c = (body.data as Json[])[0];
    expect(Array.isArray((c.addresses as Json).data)).toBe(true);
    const plain = ((await apiOk(store, '/customers?limit=1')).data as Json[])[0];
    expect(plain).not.toHaveProperty('addresses');
  });

  it('searches by name, e-mail, tax id digits and phone', async () => {
    const customers = await fetchAll(store, '/customers');
    const c = customers[17];
    const ids = async (q: string) => (await fetchAll(store, `/customers?q=${encodeURIComponent(q)}`)).map((x) => x.id);
    expect(await ids(c.email as string)).toContain(c.id);
    expect(await ids(c.name as string)).toContain(c.id);
    expect(await ids((c.cpf as string).replace(/\D/g, ''))).toContain(c.id);
    expect(await ids((c.phone as Json).formated_number as string)).toContain(c.id);
    const pj = customers.find((x) => x.type === 'j')!;
    expect(await ids((pj.cnpj as string).replace(/\D/g, ''))).toContain(pj.id);
    expect(await ids('zzzz-nobody')).toEqual([]);
  });

  it('scrolls through every customer', async () => {
    const first = await apiOk(store, '/customers?scroll=true&limit=40');
    const ids = (first.data as Json[]).map((c) => c.id);
    for (;;) {
      const next = await apiOk(store, `/customers?scroll_id=${first.scroll_id as string}`);
      if ((next.data as Json[]).length === 0) break;
      ids.push(...(next.data as Json[]).map((c) => c.id));
    }
    expect(ids).toEqual((await fetchAll(store, '/customers')).map((c) => c.id));
    expect((await api(store, '/customers?scroll_id=nope')).status).toBe(404);
  });

  it('returns one customer as { data: {…} }', async () => {
    const c = ((await apiOk(store, '/customers?limit=1&page=3')).data as Json[])[0];
    const body = await apiOk(store, `/customers/${c.id}`);
    expect(Array.isArray(body.data)).toBe(false);
    expect((body.data as Json).id).toBe(c.id);
    expect((await api(store, '/customers/999999999')).status).toBe(404);
  });
});

describe('statuses, unknown routes and auth', () => {
  it('lists the 12 documented aliases with store-specific ids', async () => {
    const statuses = (await apiOk(store, '/checkout/statuses')).data as Json[];
    expect(statuses.map((s) => s.alias).sort()).toEqual(
      [
        'waiting_payment',
        'paid',
        'authorized',
        'handling_products',
        'invoiced',
        'ready_for_shipping',
        'on_carriage',
        'delivered',
        'shipment_exception',
        'cancelled',
        'refused',
        'refunded',
      ].sort(),
    );
    expect(new Set(statuses.map((s) => s.id)).size).toBe(12);
    expect(statuses.map((s) => s.id)).not.toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    for (const s of statuses) expect(typeof s.name).toBe('string');
  });

  it('404s unknown routes with a JSON message', async () => {
    for (const path of ['/products', '/orders/1/2/3']) {
      const r = await api(store, path);
      expect(r.status).toBe(404);
      expect(typeof r.body.message).toBe('string');
    }
    const other = await fetch(`${store.url}/nothing-here`, {
      headers: { 'User-Token': store.credentials.token, 'User-Secret-Key': store.credentials.secret },
    });
    expect(other.status).toBe(404);
  });

  it('401s without the right credentials', async () => {
    const attempts: Record<string, string>[] = [
      {},
      { 'User-Token': store.credentials.token },
      { 'User-Token': store.credentials.token, 'User-Secret-Key': 'wrong' },
    ];
    for (const headers of attempts) {
      const r = await api(store, '/orders', { headers });
      expect(r.status).toBe(401);
      expect(typeof r.body.message).toBe('string');
    }
  });

  it('serves without credentials only when told to (the demo store)', async () => {
    const open = await startUnlimited({ orders: 5, requireAuth: false });
    try {
      expect((await api(open, '/orders', { headers: {} })).status).toBe(200);
      expect((await fetch(`${open.url}/__control/stats`)).status).toBe(401);
    } finally {
      await open.close();
    }
  });

  it('403s every route while the store is inactive', async () => {
    store.control.setActive(false);
    try {
      for (const path of ['/orders', `/orders/${all[0].id}`, '/customers', '/checkout/statuses'])
        expect((await api(store, path)).status).toBe(403);
    } finally {
      store.control.setActive(true);
    }
    expect((await api(store, '/orders')).status).toBe(200);
  });
});
