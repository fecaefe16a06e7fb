import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  countOrders,
  getCustomerDetail,
  listCustomerOrders,
  listCustomers,
  listOrders,
  orderStatusCounts,
} from '../../src/main/core/db';
import { ftsQuery } from '../../src/main/core/db/search/terms';
import type { Order } from '../../src/shared/domain/order';
import type { OrderQuery, OrderSortKey } from '../../src/shared/domain/query';
import { tempDb, type TempDb } from './helpers';
import { flaggedIds, N, reviewedIds, seed, spDay } from './dataset';

let t: TempDb;
let orders: Order[];
beforeAll(() => {
  t = tempDb();
  orders = seed(t.db);
});
afterAll(() => t.close());

/** The statuses as an order moves through them; an unknown one after delivered, an unreadable one next, stopped ones last. */
const WORKFLOW = (
  'waiting_payment authorized paid handling_products invoiced ready_for_shipping on_carriage shipment_exception ' +
  'delivered (unknown) (unread) cancelled refused refunded'
).split(' ');
function workflowRank(alias: string | null): number {
  const at = WORKFLOW.indexOf(alias ?? '(unread)');
  return at >= 0 ? at : WORKFLOW.indexOf('(unknown)');
}

const fold = (s: string | null) => (s === null ? null : s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase());
const keyOf: Record<OrderSortKey, (o: Order) => (string | number | null)[]> = {
  date: (o) => [o.createdAt?.utc ?? null],
  number: (o) => [o.number],
  total: (o) => [o.totalCents],
  customer: (o) => [fold(o.customer?.name ?? null)],
  status: (o) => [workflowRank(o.status?.alias ?? null), o.status?.alias ?? null, o.createdAt?.utc ?? null],
  payment: (o) => [o.payment?.alias ?? null, o.createdAt?.utc ?? null],
};

/** SQLite's order: NULL before everything ascending, after everything descending; ties broken by id. */
function oracleSort(list: Order[], key: OrderSortKey, direction: 'asc' | 'desc'): number[] {
  const cmp = (a: string | number | null, b: string | number | null) =>
    a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1;
  const sign = direction === 'asc' ? 1 : -1;
  return [...list]
    .sort((x, y) => {
      const kx = [...keyOf[key](x), x.id];
      const ky = [...keyOf[key](y), y.id];
      for (let i = 0; i < kx.length; i += 1) {
        const c = cmp(kx[i], ky[i]);
        if (c !== 0) return sign * c;
      }
      return 0;
    })
    .map((o) => o.id);
}

function ids(query: OrderQuery): number[] {
  return listOrders(t.db, 'store-a', { limit: 500, ...query }).rows.map((r) => r.id);
}

const byDateDesc = (list: Order[]) => oracleSort(list, 'date', 'desc');

describe('listOrders filters', () => {
  const cases: [string, OrderQuery, (o: Order) => boolean][] = [
    [
      'several statuses',
      { statuses: ['paid', 'cancelled'] },
      (o) => ['paid', 'cancelled'].includes(o.status?.alias ?? ''),
    ],
    ['one payment method', { paymentMethods: ['pix'] }, (o) => o.payment?.alias === 'pix'],
    [
      'total range',
      { minTotalCents: 5000, maxTotalCents: 20_000 },
      (o) => o.totalCents !== null && o.totalCents >= 5000 && o.totalCents <= 20_000,
    ],
    ['delivered', { delivered: true }, (o) => o.delivered === true],
    ['not delivered', { delivered: false }, (o) => o.delivered === false],
    ['customer', { customerId: 102 }, (o) => o.customer?.id === 102],
    ['reviewed', { review: 'reviewed' }, (o) => reviewedIds([o]).length > 0],
    ['flagged', { review: 'flagged' }, (o) => flaggedIds([o]).length > 0],
    ['unreviewed', { review: 'unreviewed' }, (o) => reviewedIds([o]).length === 0],
    [
      'store-zone days',
      { from: '2024-03-05', to: '2024-03-07' },
      (o) => (spDay(o) ?? '') >= '2024-03-05' && (spDay(o) ?? '') <= '2024-03-07',
    ],
    ['one day', { from: '2024-03-10', to: '2024-03-10' }, (o) => spDay(o) === '2024-03-10'],
    [
      'a mix',
      {
        statuses: ['paid', 'delivered', 'on_carriage'],
        paymentMethods: ['pix', 'visa'],
        delivered: false,
        from: '2024-03-02',
      },
      (o) =>
        ['paid', 'delivered', 'on_carriage'].includes(o.status?.alias ?? '') &&
        o.payment?.alias !== 'billet' &&
        !o.delivered &&
        (spDay(o) ?? '') >= '2024-03-02',
    ],
  ];
  for (const [name, query, keep] of cases) {
    it(`filters by ${name}`, () => {
      const expected = byDateDesc(orders.filter(keep));
      expect(expected.length).toBeGreaterThan(0);
      expect(expected.length).toBeLessThan(N);
      expect(ids(query)).toEqual(expected);
      expect(listOrders(t.db, 'store-a', query)).toMatchObject({ total: expected.length, totalIsExact: true });
      expectCapped(query, expected.length);
    });
  }

  it('reads date bounds in the store zone, not UTC', () => {
    // Order 2 was placed at 23:30 on 03-03 in São Paulo, which is already 03-04 in UTC.
    const two = orders.find((o) => o.id === 2) as Order;
    expect(two.createdAt?.utc.startsWith('2024-03-04T02:30')).toBe(true);
    expect(ids({ from: '2024-03-03', to: '2024-03-03' })).toContain(2);
    expect(ids({ from: '2024-03-04', to: '2024-03-04' })).not.toContain(2);
  });

  it('refuses a malformed date', () => {
    expect(() => ids({ from: '03/05/2024' })).toThrow(/Not a date/);
  });
});

/** A count capped below the answer stops at the cap and says so; at or above it, it is exact. */
function expectCapped(query: OrderQuery, exact: number): void {
  for (const cap of [0, 1, 3, exact - 1, exact, exact + 1].filter((c) => c >= 0)) {
    const capped = countOrders(t.db, 'store-a', query, cap);
    // Totals read from order_status_totals or "all minus reviewed" are exact whatever the cap.
    if (capped.totalIsExact) expect(capped.total).toBe(exact);
    else expect([capped.total, exact > cap]).toEqual([cap, true]);
    if (exact <= cap) expect(capped).toEqual({ total: exact, totalIsExact: true });
  }
  expect(countOrders(t.db, 'store-a', query, Infinity)).toEqual({ total: exact, totalIsExact: true });
}

describe('listOrders sorts and pages', () => {
  for (const key of ['date', 'number', 'total', 'customer', 'status', 'payment'] as OrderSortKey[]) {
    for (const direction of ['asc', 'desc'] as const) {
      it(`sorts by ${key} ${direction} with id as the tie-breaker`, () => {
        expect(ids({ sort: { key, direction } })).toEqual(oracleSort(orders, key, direction));
      });
    }
  }

  it('sorts by status in workflow order under filters, a search and across pages', () => {
    const paid = (o: Order) => o.payment?.alias !== 'billet';
    for (const direction of ['asc', 'desc'] as const) {
      const sort = { key: 'status' as const, direction };
      expect(ids({ sort, paymentMethods: ['pix', 'visa'] })).toEqual(
        oracleSort(orders.filter(paid), 'status', direction),
      );
      const some = ['cancelled', 'waiting_payment', 'em_analise'];
      expect(ids({ sort, statuses: some })).toEqual(
        oracleSort(
          orders.filter((o) => some.includes(o.status?.alias ?? '')),
          'status',
          direction,
        ),
      );
      expect(ids({ sort, review: 'reviewed' })).toEqual(
        oracleSort(
          orders.filter((o) => reviewedIds(orders).includes(o.id)),
          'status',
          direction,
        ),
      );
      // A rare search sorts its matches (the search drives); the result is the same order.
      const alvaro = orders.filter((o) => fold(o.customer?.name ?? null)?.includes('alvaro'));
      expect(ids({ sort, search: 'alvaro' })).toEqual(oracleSort(alvaro, 'status', direction));
      const pages: number[] = [];
      for (let offset = 0; offset < N; offset += 6)
        pages.push(...listOrders(t.db, 'store-a', { sort, offset, limit: 6 }).rows.map((r) => r.id));
      expect(pages).toEqual(oracleSort(orders, 'status', direction));
    }
    expect(ids({ sort: { key: 'status', direction: 'asc' }, statuses: ['refunded'] })).toEqual([]);
  });

  it('pages without gaps or repeats, over ties', () => {
    const all: number[] = [];
    let total = -1;
    for (let offset = 0; offset < N; offset += 7) {
      const page = listOrders(t.db, 'store-a', { sort: { key: 'total', direction: 'asc' }, offset, limit: 7 });
      total = page.total;
      expect(page.offset).toBe(offset);
      all.push(...page.rows.map((r) => r.id));
    }
    expect(total).toBe(N);
    expect(all).toEqual(oracleSort(orders, 'total', 'asc'));
  });

  it('fills the summary row', () => {
    const row = listOrders(t.db, 'store-a', { customerId: 101, sort: { key: 'number', direction: 'asc' }, limit: 1 })
      .rows[0];
    const o = orders.filter((x) => x.customer?.id === 101).sort((a, b) => (a.number ?? 0) - (b.number ?? 0))[0];
    expect(row).toEqual({
      id: o.id,
      number: o.number,
      status: o.status,
      customerId: 101,
      customerName: 'alvaro Lima',
      customerEmail: 'lima@exemplo.com.br',
      createdAt: o.createdAt,
      totalCents: o.totalCents,
      paymentAlias: o.payment?.alias,
      installments: 1,
      delivered: o.delivered,
      trackingCode: o.trackingCode,
      reviewed: o.id % 7 === 0,
      flagged: o.id % 9 === 0,
      hasNote: false,
      parseProblemCount: 0,
    });
  });
});

describe('orderStatusCounts', () => {
  it('counts per status under the other filters, ignoring the status filter', () => {
    const query: OrderQuery = { statuses: ['paid'], paymentMethods: ['pix'] };
    const expected = new Map<string, number>();
    for (const o of orders)
      if (o.payment?.alias === 'pix' && o.status !== null)
        expected.set(o.status.alias, (expected.get(o.status.alias) ?? 0) + 1);
    const counts = orderStatusCounts(t.db, 'store-a', query);
    expect(new Map(counts.map((c) => [c.alias, c.count]))).toEqual(expected);
    expect(counts.find((c) => c.alias === 'cancelled')?.name).toBe('Cancelado');
  });
});

describe('orderStatusCounts without other filters', () => {
  it('reads the kept totals, equal to counting the orders', () => {
    const expected = new Map<string, number>();
    for (const o of orders)
      if (o.status !== null) expected.set(o.status.alias, (expected.get(o.status.alias) ?? 0) + 1);
    const counts = orderStatusCounts(t.db, 'store-a', { statuses: ['paid'] });
    expect(new Map(counts.map((c) => [c.alias, c.count]))).toEqual(expected);
    expect(counts.find((c) => c.alias === 'delivered')?.name).toBe('Entregue');
    expect(listOrders(t.db, 'store-a', {}).total).toBe(N);
    expect(listOrders(t.db, 'store-a', { statuses: ['paid', 'delivered'] }).total).toBe(
      (expected.get('paid') ?? 0) + (expected.get('delivered') ?? 0),
    );
  });
});

describe('order search (FTS)', () => {
  const cases: [string, string, (o: Order) => boolean][] = [
    ['order number', String(5000 - 11 * 3), (o) => o.id === 11],
    ['accent-insensitive name', 'alvaro', (o) => fold(o.customer?.name ?? null)?.includes('alvaro') ?? false],
    ['two words of a name, the last one begun', 'alvaro souz', (o) => o.customer?.name === 'Álvaro Souza'],
    ['two full words of a name, any accents', 'ÁLVARO souza', (o) => o.customer?.name === 'Álvaro Souza'],
    ['e-mail prefix', 'alvaro.sou', (o) => o.customer?.email === 'alvaro.souza@example.com'],
    ['full e-mail', 'lima@exemplo.com.br', (o) => o.customer?.email === 'lima@exemplo.com.br'],
    ['CPF digits', '52998224725', (o) => o.customer?.taxId === '52998224725'],
    ['CPF digits prefix', '529982', (o) => o.customer?.taxId === '52998224725'],
    ['CPF punctuated', '529.982.247-25', (o) => o.customer?.taxId === '52998224725'],
    ['CNPJ punctuated', '11.222.333/0001-81', (o) => o.customer?.taxId === '11222333000181'],
    ['phone digits', '21912345678', (o) => o.customer?.phone === '21912345678'],
    ['phone without area code', '912345678', (o) => o.customer?.phone === '21912345678'],
    // Written as people write it, or as the app shows it: the groups are one number, not words.
    ['phone as shown', '(21) 91234-5678', (o) => o.customer?.phone === '21912345678'],
    ['phone with a space after the area code', '21 91234-5678', (o) => o.customer?.phone === '21912345678'],
    ['phone with the country code', '+55 21 91234-5678', (o) => o.customer?.phone === '21912345678'],
    ['phone with the country code, no spaces', '+5521912345678', (o) => o.customer?.phone === '21912345678'],
    ['SKU', 'CAM-AZ-12', (o) => o.id === 12],
    ['SKU prefix', 'cam-az', (o) => o.id % 2 === 0],
    ['tracking code', 'QB000000021BR', (o) => o.id === 21],
    // No word starts this way, so the joined lookup finds nothing and the phrase fallback reads inside words.
    ['the middle of an e-mail', 'souza@example', (o) => o.customer?.email === 'alvaro.souza@example.com'],
    ['an e-mail domain', 'example.com', (o) => o.customer?.email?.endsWith('@example.com') === true],
  ];
  for (const [name, text, keep] of cases) {
    it(`finds by ${name}`, () => {
      const expected = byDateDesc(orders.filter(keep));
      expect(expected.length).toBeGreaterThan(0);
      expect(ids({ search: text })).toEqual(expected);
      expect(listOrders(t.db, 'store-a', { search: text })).toMatchObject({
        total: expected.length,
        totalIsExact: true,
      });
      expectCapped({ search: text }, expected.length);
    });
  }

  it('combines search with filters and counts', () => {
    const keep = (o: Order) =>
      fold(o.customer?.name ?? null)?.includes('alvaro') === true && o.payment?.alias === 'pix';
    expect(ids({ search: 'ALVARO', paymentMethods: ['pix'] })).toEqual(byDateDesc(orders.filter(keep)));
    const counts = orderStatusCounts(t.db, 'store-a', {
      search: 'alvaro',
      paymentMethods: ['pix'],
      statuses: ['nothing'],
    });
    expect(counts.reduce((s, c) => s + c.count, 0)).toBe(orders.filter((o) => keep(o) && o.status !== null).length);
    expect(counts.every((c) => c.countIsExact)).toBe(true);
  });

  it('takes only the last word as a prefix: the words before it are whole', () => {
    expect(ftsQuery('alvaro')).toBe('"alvaro"*');
    expect(ftsQuery('Ana  Silva')).toBe('"Ana" AND "Silva"*');
    expect(ftsQuery('joao.sil')).toBe('"joaosil"*');
    expect(ftsQuery('ana 529.982')).toBe('"ana" AND "529982"*');
    expect(ftsQuery('(16) 98187-5668')).toBe('"16981875668"*');
    expect(ftsQuery('+55 16 98187-5668')).toBe('"16981875668"*');
    expect(ftsQuery('joao.sil', { words: 'phrase' })).toBe('"joao sil"*');
    expect(ftsQuery('ana silva', { lastIsPrefix: false })).toBe('"ana" AND "silva"');
    expect(ids({ search: 'alv souza' })).toEqual([]);
    expect(ids({ search: 'souza alv' })).toEqual(byDateDesc(orders.filter((o) => o.customer?.name === 'Álvaro Souza')));
  });

  it('treats FTS syntax in user text as plain text', () => {
    for (const text of ['"', 'AND', 'a OR', '*', '(x', 'NEAR(a b)', '-', '^x']) {
      expect(() => ids({ search: text })).not.toThrow();
    }
    expect(ids({ search: '!!!' })).toEqual([]);
    expect(ids({ search: 'ninguém-tem-isso' })).toEqual([]);
  });
});

describe('customers', () => {
  it('lists customers by folded name, paged, and finds them by name, e-mail, CPF with or without punctuation, phone', () => {
    const page = listCustomers(t.db, 'store-a', {});
    expect(page.total).toBe(6);
    expect(page.rows.map((r) => r.name)).toEqual([
      null,
      'alvaro Lima',
      'Álvaro Souza',
      'Beatriz Nunes',
      'Çarla Dias',
      'Zé Carlos',
    ]);
    expect(listCustomers(t.db, 'store-a', { offset: 2, limit: 2 }).rows.map((r) => r.name)).toEqual([
      'Álvaro Souza',
      'Beatriz Nunes',
    ]);
    const find = (search: string) => listCustomers(t.db, 'store-a', { search }).rows.map((r) => r.name);
    expect(find('alvaro')).toEqual(['alvaro Lima', 'Álvaro Souza']);
    expect(find('bia@')).toEqual(['Beatriz Nunes']);
    expect(find('529.982.247-25')).toEqual(['Álvaro Souza']);
    expect(find('52998224725')).toEqual(['Álvaro Souza']);
    expect(find('31999990000')).toEqual(['Zé Carlos']);
    expect(find('(31) 99999-0000')).toEqual(['Zé Carlos']);
    expect(find('+55 31 99999-0000')).toEqual(['Zé Carlos']);
    // A joined-word lookup, then the phrase fallback for text inside an address.
    expect(find('alvaro.souza@ex')).toEqual(['Álvaro Souza']);
    expect(find('souza@example')).toEqual(['Álvaro Souza']);
    expect(find('example.com')).toEqual(['Álvaro Souza', 'Beatriz Nunes', 'Çarla Dias', 'Zé Carlos']);
  });

  it('sorts customers by order count and last order', () => {
    const byCount = listCustomers(t.db, 'store-a', { sort: { key: 'orderCount', direction: 'desc' } }).rows;
    for (let i = 1; i < byCount.length; i += 1)
      expect(byCount[i - 1].orderCount).toBeGreaterThanOrEqual(byCount[i].orderCount);
    const byLast = listCustomers(t.db, 'store-a', { sort: { key: 'lastOrder', direction: 'desc' } }).rows;
    const lasts = byLast.map((r) => r.lastOrderAt?.utc ?? '');
    expect(lasts).toEqual([...lasts].sort().reverse());
  });

  it('sorts customers by total spent, the same total their view shows', () => {
    const rows = listCustomers(t.db, 'store-a', { sort: { key: 'totalSpent', direction: 'desc' } }).rows;
    const spent = rows.map((r) => getCustomerDetail(t.db, 'store-a', r.id)!.totals.spentCents);
    expect(spent).toEqual([...spent].sort((a, b) => b - a));
    expect(new Set(spent).size).toBeGreaterThan(1);
  });

  it('lists the distinct addresses a customer’s orders went to', () => {
    const mine = orders.filter((o) => o.customer?.id === 102 && o.shippingAddress);
    const distinct = new Set(mine.map((o) => JSON.stringify(o.shippingAddress)));
    expect(distinct.size).toBeGreaterThan(0);
    const addresses = getCustomerDetail(t.db, 'store-a', 102)!.addresses;
    expect(new Set(addresses.map((a) => JSON.stringify(a)))).toEqual(distinct);
  });

  it('computes a customer’s totals, excluding cancelled orders from spending', () => {
    const mine = orders.filter((o) => o.customer?.id === 102);
    const spentOn = mine.filter((o) => o.status?.alias !== 'cancelled' && o.totalCents !== null);
    const spent = spentOn.reduce((s, o) => s + (o.totalCents ?? 0), 0);
    const times = mine
      .map((o) => o.createdAt?.utc)
      .filter((u): u is string => u !== undefined)
      .sort();
    const detail = getCustomerDetail(t.db, 'store-a', 102);
    expect(detail?.customer).toMatchObject({
      id: 102,
      name: 'Beatriz Nunes',
      taxId: '11222333000181',
      taxIdKind: 'cnpj',
    });
    expect(detail?.totals).toEqual({
      orderCount: mine.length,
      spentCents: spent,
      averageCents: Math.round(spent / spentOn.length),
      firstOrderAt: { utc: times[0], zone: 'America/Sao_Paulo' },
      lastOrderAt: { utc: times[times.length - 1], zone: 'America/Sao_Paulo' },
    });
    expect(mine.some((o) => o.status?.alias === 'cancelled')).toBe(true);
    expect(getCustomerDetail(t.db, 'store-a', 9999)).toBeNull();
  });

  it('pages a customer’s orders', () => {
    const mine = byDateDesc(orders.filter((o) => o.customer?.id === 103));
    const page = listCustomerOrders(t.db, 'store-a', 103, { limit: 3, offset: 3 });
    expect(page.total).toBe(mine.length);
    expect(page.rows.map((r) => r.id)).toEqual(mine.slice(3, 6));
  });
});
