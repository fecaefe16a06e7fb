// The workbench's own steps over a bench cache, through the core's dispatcher as the screens call it: the order
// list's first rows on opening, the next order inside the detail across a page boundary (as the list does it: the
// next page fetched ahead, then one detail read), a bulk mark of 1,000 selected orders. Numbers, not pass/fail: see BENCHMARKS.md (Workbench).
//
//   node --import tsx bench/workbench.ts            100k, then 1M
//   BENCH_DB_DIR=/tmp/x node --import tsx bench/workbench.ts 100000
//       reuses the cache db-queries keeps in that folder (or builds it there)
import { OrdersService } from '../src/main/core/orders/orders-service';
import { createDispatcher, dispatchTyped, type Dispatch } from '../src/main/core/ipc/dispatcher';
import { createService, type ServiceDeps } from '../src/main/core/ipc/handlers';
import type { CallName, CallResult, CallInput } from '../src/shared/ipc/contract';
import type { OrderQuery } from '../src/shared/domain/query';
import { machineLine, openBenchCache, PAGE, sizesFromArgs, STORE } from './db-build-lib';
import { markdownTable, measure, measureAsync, RUNS, skipped, type Row } from './db-measure-lib';
import { rng } from './db-generator';

async function call<N extends CallName>(dispatch: Dispatch, name: N, input: CallInput<N>): Promise<CallResult<N>> {
  const answer = await dispatchTyped(dispatch, name, input);
  if (!answer.ok) throw new Error(`${name}: ${JSON.stringify(answer.error)}`);
  return answer.value;
}

async function runSize(count: number): Promise<string> {
  const cache = openBenchCache(count);
  const { db } = cache;
  const lines: string[] = [];
  try {
    // Only the orders' calls are made here; the other services are never reached.
    const dispatch = createDispatcher(createService({ orders: new OrdersService(db) } as unknown as ServiceDeps));
    const random = rng(7);
    const rows: Row[] = [];

    // What the order list asks for when it opens (and after every change of filter, sort or page).
    const screen = async (query: OrderQuery) => {
      const [page] = await Promise.all([
        call(dispatch, 'orders.list', { storeId: STORE, query }),
        call(dispatch, 'orders.statusCounts', { storeId: STORE, query }),
      ]);
      return page;
    };
    const views: [string, OrderQuery][] = [
      ['newest first', {}],
      ['unreviewed, by payment method', { review: 'unreviewed', sort: { key: 'payment', direction: 'asc' } }],
      ['by status (workflow order)', { sort: { key: 'status', direction: 'asc' } }],
      ['Pix, by status', { paymentMethods: ['pix'], sort: { key: 'status', direction: 'asc' } }],
      ['a city searched, by status', { search: 'curitiba', sort: { key: 'status', direction: 'desc' } }],
    ];
    for (const [name, query] of views) {
      rows.push(
        await measureAsync(`open the list: ${name} — list + status counts`, async () => {
          const page = await screen({ ...query, limit: PAGE });
          return page.rows.length;
        }),
      );
    }

    // `]` on the last row of a page. The list fetched the next page in the background when the keyboard came within
    // ten rows of its end, so the key costs the detail of that page's first order; only a key pressed before that
    // page arrived also waits for it. The status chips are not read again (the filter is the same).
    for (const [name, query] of views) {
      // Page 50, or the last one before it where the view has fewer pages (the pager goes no further).
      const { total } = await call(dispatch, 'orders.list', { storeId: STORE, query: { ...query, limit: 1 } });
      const last = Math.ceil(total / PAGE);
      for (const pageNo of [...new Set([1, Math.max(1, Math.min(50, last - 1))])]) {
        // The page the `]` key leads to is page pageNo + 1 (offset pageNo × 100).
        const next = () =>
          call(dispatch, 'orders.list', { storeId: STORE, query: { ...query, offset: pageNo * PAGE, limit: PAGE } });
        const across = `next order across pages ${pageNo}→${pageNo + 1}: ${name}`;
        rows.push(
          await measureAsync(
            `${across} — the next page fetched in the background`,
            async () => (await next()).rows.length,
          ),
        );
        const first = (await next()).rows[0]?.id;
        if (first === undefined) continue;
        rows.push(
          await measureAsync(`${across} — key to detail (next page fetched)`, async () => {
            await call(dispatch, 'orders.get', { storeId: STORE, orderId: first });
            return 1;
          }),
        );
        rows.push(
          await measureAsync(`${across} — key to detail before the next page arrived (page + detail)`, async () => {
            const page = await next();
            await call(dispatch, 'orders.get', { storeId: STORE, orderId: page.rows[0].id });
            return page.rows.length;
          }),
        );
      }
    }
    rows.push(
      await measureAsync('next order inside a page — detail', async () => {
        const id = 1 + Math.floor(random() * count);
        await call(dispatch, 'orders.get', { storeId: STORE, orderId: id });
        return 1;
      }),
    );

    // Bulk marks: 1,000 rows picked by id (checkboxes), and every order of a filter matching about 1,000.
    let on = true;
    rows.push(
      await measureAsync(
        'bulk mark 1,000 selected orders (ids)',
        async () => {
          const start = 1 + Math.floor(random() * (count - 2000));
          const ids = Array.from({ length: 1000 }, (_, k) => start + k * 2);
          on = !on;
          return (await call(dispatch, 'orders.setReviewMany', { storeId: STORE, selection: { ids }, flagged: on }))
            .updated;
        },
        Math.min(RUNS, 30),
      ),
    );
    // Reviewed moves each order in the reviewed orders' totals as well; the same even ids (none reviewed by the
    // build) on and off, left off.
    const evenIds = Array.from({ length: 1000 }, (_, k) => 2 * Math.floor(count / 4) + k * 2);
    const reviewMany = (reviewed: boolean) =>
      call(dispatch, 'orders.setReviewMany', { storeId: STORE, selection: { ids: evenIds }, reviewed });
    rows.push(
      await measureAsync(
        'bulk mark 1,000 selected orders reviewed (ids)',
        async (i) => (await reviewMany(i % 2 === 0)).updated,
        Math.min(RUNS, 30),
      ),
    );
    await reviewMany(false);
    const day = Math.max(1, Math.round((1000 / count) * 3 * 365));
    rows.push(
      await measureAsync(
        `bulk mark "all matching": ${day} days (≈1,000 orders)`,
        async (i) => {
          const from = new Date(Date.UTC(2022, 1, 1) + (i % 20) * 30 * 86_400_000);
          const to = new Date(from.getTime() + (day - 1) * 86_400_000);
          on = !on;
          const query = { from: from.toISOString().slice(0, 10), to: to.toISOString().slice(0, 10) };
          return (await call(dispatch, 'orders.setReviewMany', { storeId: STORE, selection: { query }, flagged: on }))
            .updated;
        },
        Math.min(RUNS, 30),
      ),
    );

    // "Não revisados" where the merchant has reviewed most orders: half of them marked inside a transaction that is
    // rolled back, so the cache stays as built. Beside it, what the unreviewed chips and total counted before the
    // reviewed orders had totals of their own: the reviewed orders on their partial index.
    const halfReviewed =
      'open the list: unreviewed, by payment method, half the orders reviewed — list + status counts';
    if (!skipped(halfReviewed)) {
      db.exec('BEGIN');
      try {
        db.prepare(
          `INSERT INTO review_state (store_id, order_id, reviewed, flagged, note, updated_at)
           SELECT store_id, id, 1, 0, '', '2024-01-01T00:00:00.000Z' FROM orders WHERE store_id = ? AND id % 2 = 0
           ON CONFLICT (store_id, order_id) DO UPDATE SET reviewed = 1`,
        ).run(STORE);
        const unreviewed = views[1][1];
        rows.push(
          await measureAsync(halfReviewed, async () => (await screen({ ...unreviewed, limit: PAGE })).rows.length),
        );
        const reviewedByStatus = db.prepare(
          `SELECT coalesce(status_alias, '') AS status, count(*) AS n FROM orders INDEXED BY orders_reviewed
           WHERE store_id = ? AND reviewed = 1 GROUP BY 1`,
        );
        rows.push(
          measure(
            'half the orders reviewed: one count of them on their partial index (the way before)',
            () => reviewedByStatus.all(STORE).length,
          ),
        );
      } finally {
        db.exec('ROLLBACK');
      }
    }

    lines.push(`### ${count.toLocaleString('en-US')} orders`, '', ...markdownTable('step', rows));
    return lines.join('\n');
  } finally {
    cache.close();
  }
}

console.log(machineLine(`${RUNS} runs per step after 3 warm-ups (30 for the bulk marks)`));
for (const size of sizesFromArgs([100_000, 1_000_000])) console.log(await runSize(size));
