// Cache benchmark: builds stores of N synthetic orders through the real write path and
// times the UI's queries. Numbers, not pass/fail: see BENCHMARKS.md (Cache).
//
//   node --import tsx bench/db-queries.ts            100k, then 1M
//   node --import tsx bench/db-queries.ts 100000     one size
//   BENCH_DB_DIR=/tmp/x node --import tsx bench/db-queries.ts 1000000
//       keeps the built cache in that folder and reuses it on the next run (query changes only:
//       the build line then repeats the numbers of the run that built it)
import { statSync } from 'node:fs';
import {
  getCustomerDetail,
  listCustomerOrders,
  listCustomers,
  listOrders,
  orderListSql,
  orderStatusCounts,
} from '../src/main/core/db';
import type { OrderQuery } from '../src/shared/domain/query';
import { CITIES, COUPONS, PAYMENTS, productNameOf, rng, skuOf, STATUSES } from './db-generator';
import { markdownTable, measure, RUNS, type Row } from './db-measure-lib';
import { machineLine, openBenchCache, PAGE, sizesFromArgs, STORE } from './db-build-lib';

const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

function runSize(count: number): string {
  const cache = openBenchCache(count);
  const { db, people, write } = cache;
  const lines: string[] = [];
  try {
    const random = rng(99);
    const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
    const size = statSync(cache.file).size;

    const month = (): OrderQuery => {
      const m = 1 + Math.floor(random() * 12);
      return { from: `2023-${String(m).padStart(2, '0')}-01`, to: `2023-${String(m).padStart(2, '0')}-28` };
    };
    const list = (name: string, query: (i: number) => OrderQuery): Row[] => {
      const page = measure(`${name} — page`, (i) => {
        const { sql, params } = orderListSql(db, STORE, { limit: PAGE, ...query(i) });
        return db.prepare(sql).all(...params).length;
      });
      const withCount = measure(
        `${name} — page + total`,
        (i) => listOrders(db, STORE, { limit: PAGE, ...query(i) }).rows.length,
      );
      return [page, withCount];
    };

    const rows: Row[] = [
      ...list('no filter, newest first', () => ({})),
      ...list('status (one)', () => ({ statuses: [pick(STATUSES)[0]] })),
      ...list('status (three)', () => ({ statuses: [pick(STATUSES)[0], pick(STATUSES)[0], pick(STATUSES)[0]] })),
      ...list('date range (one month)', month),
      ...list('payment method', () => ({ paymentMethods: [pick(PAYMENTS)] })),
      ...list('total R$100–150', () => ({ minTotalCents: 10_000, maxTotalCents: 15_000 })),
      ...list('delivered', () => ({ delivered: true })),
      ...list('customer', () => ({ customerId: pick(people).id })),
      ...list('reviewed', () => ({ review: 'reviewed' })),
      ...list('flagged', () => ({ review: 'flagged' })),
      ...list('unreviewed', () => ({ review: 'unreviewed' })),
      ...list('sort number asc', () => ({ sort: { key: 'number', direction: 'asc' } })),
      ...list('sort total desc', () => ({ sort: { key: 'total', direction: 'desc' } })),
      ...list('sort customer asc', () => ({ sort: { key: 'customer', direction: 'asc' } })),
      ...list('sort status asc (workflow order)', () => ({ sort: { key: 'status', direction: 'asc' } })),
      ...list('sort status desc, deep page (offset 50,000)', () => ({
        sort: { key: 'status', direction: 'desc' },
        offset: Math.min(50_000, Math.floor(count / 2)),
      })),
      ...list('payment method, sort status', () => ({
        paymentMethods: [pick(PAYMENTS)],
        sort: { key: 'status', direction: 'asc' },
      })),
      ...list('sort payment asc', () => ({ sort: { key: 'payment', direction: 'asc' } })),
      ...list('unreviewed, sort payment', () => ({ review: 'unreviewed', sort: { key: 'payment', direction: 'asc' } })),
      ...list('status + payment, sort total', () => ({
        statuses: [pick(STATUSES)[0]],
        paymentMethods: [pick(PAYMENTS)],
        sort: { key: 'total', direction: 'desc' },
      })),
      ...list('deep page (offset = half the store)', () => ({ offset: Math.floor(count / 2) })),
      measure('status counts, no filter', () => orderStatusCounts(db, STORE, {}).length),
      measure(
        'status counts, payment filter',
        () => orderStatusCounts(db, STORE, { paymentMethods: [pick(PAYMENTS)] }).length,
      ),
      measure('status counts, date range (one month)', () => orderStatusCounts(db, STORE, month()).length),
      measure(
        'status counts, payment + delivered + one year',
        () =>
          orderStatusCounts(db, STORE, {
            paymentMethods: [pick(PAYMENTS)],
            delivered: true,
            from: '2023-01-01',
            to: '2023-12-31',
          }).length,
      ),
      measure('status counts, unreviewed', () => orderStatusCounts(db, STORE, { review: 'unreviewed' }).length),
      measure('status counts, reviewed', () => orderStatusCounts(db, STORE, { review: 'reviewed' }).length),
      measure(
        'status counts, total R$100–150',
        () => orderStatusCounts(db, STORE, { minTotalCents: 10_000, maxTotalCents: 15_000 }).length,
      ),
    ];

    const like = db.prepare(
      `SELECT o.id FROM orders o WHERE o.store_id = @store AND (o.customer_name LIKE @t OR o.customer_email LIKE @t OR o.customer_tax_id LIKE @t
         OR o.tracking_code LIKE @t OR CAST(o.number AS TEXT) LIKE @t OR o.promocode_code LIKE @t
         OR o.pk IN (SELECT order_pk FROM order_items WHERE sku LIKE @t OR name LIKE @t)
         OR o.pk IN (SELECT order_pk FROM order_addresses WHERE city LIKE @t OR zipcode LIKE @t))
       ORDER BY o.created_utc DESC, o.id DESC LIMIT 100`,
    );
    const searches: [string, (i: number) => string][] = [
      [
        'name (two words)',
        () => {
          const p = pick(people);
          return p.name.split(' ').slice(0, 2).join(' ');
        },
      ],
      ['surname (common)', () => pick(people).name.split(' ')[1]],
      ['CPF digits', () => pick(people).cpf],
      ['CPF prefix (6)', () => pick(people).cpf.slice(0, 6)],
      ['SKU', () => skuOf(Math.floor(random() * 8000))],
      ['e-mail prefix', () => pick(people).email.slice(0, 12)],
      // From the address's second word ("silva.santos" of "maria.silva.santos12@…"): no joined token starts
      // there, so the phrase fallback runs. (Text inside a word is beyond any token index: only LIKE finds it.)
      ['e-mail from its second word', () => pick(people).email.split('.').slice(1).join('.').slice(0, 12)],
      ['order number', () => String(100_000 + 1 + Math.floor(random() * count))],
      ['CPF punctuated', () => pick(people).cpf.replace(/^(\d{3})(\d{3})(\d{3})(\d{2})$/, '$1.$2.$3-$4')],
      ['phone', () => pick(people).phone],
      ['phone without area code', () => pick(people).phone.slice(2)],
      ['tracking code', () => `QB${String(Math.floor(random() * count)).padStart(9, '0')}BR`],
      // The searches the workbench added: product name, city, CEP, coupon.
      [
        'product name (two words)',
        () =>
          productNameOf(Math.floor(random() * 8000))
            .split(' ')
            .slice(0, 2)
            .join(' '),
      ],
      ['product name (full, accents dropped)', () => fold(productNameOf(Math.floor(random() * 8000)))],
      ['city (common, accents dropped)', () => fold(pick(CITIES.slice(0, 3))[0])],
      ['city (rare)', () => pick(CITIES.slice(-10))[0]],
      ['CEP digits', () => pick(people).cep],
      ['CEP with the dash', () => pick(people).cep.replace(/^(\d{5})(\d{3})$/, '$1-$2')],
      ['CEP first five digits', () => pick(people).cep.slice(0, 5)],
      ['coupon (common)', () => pick(COUPONS.slice(0, 4)).toLowerCase()],
      ['coupon (rare)', () => pick(COUPONS.slice(4))],
    ];
    for (const [name, term] of searches) {
      rows.push(
        measure(
          `FTS ${name} — page + total`,
          (i) => listOrders(db, STORE, { search: term(i), limit: PAGE }).rows.length,
        ),
      );
      // LIKE has no accent folding; the ASCII-folded term would be needed in practice, which only makes it slower.
      // Full scans take seconds on a million orders: fewer runs, same percentiles.
      rows.push(
        measure(
          `LIKE '%…%' ${name} — page`,
          (i) => like.all({ t: `%${term(i)}%`, store: STORE }).length,
          count > 200_000 ? 12 : RUNS,
        ),
      );
    }
    const surname = () => pick(people).name.split(' ')[1];
    // As it is being typed: prefixes of 3 to 8 letters have their own lists in the index (migration 3).
    rows.push(
      measure(
        'FTS surname begun (first 4 letters) — page + total',
        () => listOrders(db, STORE, { search: surname().slice(0, 4), limit: PAGE }).rows.length,
      ),
    );
    // Other sorts than date: the search index is in date order, so these walk the sort's index instead.
    rows.push(
      measure(
        'FTS surname (common), sorted by total — page + total',
        () =>
          listOrders(db, STORE, { search: surname(), sort: { key: 'total', direction: 'desc' }, limit: PAGE }).rows
            .length,
      ),
    );
    rows.push(
      measure(
        'FTS city (common), sorted by status — page + total',
        () =>
          listOrders(db, STORE, {
            search: fold(pick(CITIES.slice(0, 3))[0]),
            sort: { key: 'status', direction: 'asc' },
            limit: PAGE,
          }).rows.length,
      ),
    );
    rows.push(
      measure(
        'FTS coupon (rare), sorted by status — page + total',
        () =>
          listOrders(db, STORE, {
            search: pick(COUPONS.slice(4)),
            sort: { key: 'status', direction: 'asc' },
            limit: PAGE,
          }).rows.length,
      ),
    );
    // The orders screen asks for the status chips with every list page.
    rows.push(
      measure(
        'status counts, search: surname (common)',
        () => orderStatusCounts(db, STORE, { search: surname() }).length,
      ),
    );
    rows.push(
      measure('status counts, search: CPF', () => orderStatusCounts(db, STORE, { search: pick(people).cpf }).length),
    );
    rows.push(
      measure('customer detail with totals', () => (getCustomerDetail(db, STORE, pick(people).id) === null ? 0 : 1)),
    );
    rows.push(
      measure(
        "customer's orders, first page",
        () => listCustomerOrders(db, STORE, pick(people).id, { limit: PAGE }).rows.length,
      ),
    );
    rows.push(measure('customer list, by name', () => listCustomers(db, STORE, { limit: PAGE }).rows.length));
    rows.push(
      measure(
        'customer list, by last order',
        () => listCustomers(db, STORE, { limit: PAGE, sort: { key: 'lastOrder', direction: 'desc' } }).rows.length,
      ),
    );
    rows.push(
      measure(
        'customer search, name',
        () => listCustomers(db, STORE, { limit: PAGE, search: pick(people).name.split(' ')[0] }).rows.length,
      ),
    );
    lines.push(`### ${count.toLocaleString('en-US')} orders, ${people.length.toLocaleString('en-US')} customers`);
    lines.push('');
    lines.push(
      `Build: ${write.seconds.toFixed(1)} s, **${Math.round(write.perSecond).toLocaleString('en-US')} orders/s** with all relations, FTS and customer rows; ` +
        `longest single page write (100 orders, one transaction): **${write.longestPageMs.toFixed(1)} ms**; file ${(size / 1024 / 1024).toFixed(0)} MB.`,
    );
    lines.push('');
    lines.push(...markdownTable('query', rows));
    return lines.join('\n');
  } finally {
    cache.close();
  }
}

console.log(machineLine(`${RUNS} runs per query after 3 warm-ups (12 for the LIKE scans above 200k orders)`));
for (const size of sizesFromArgs([100_000, 1_000_000])) console.log(runSize(size));
