import { SALE_STATUSES } from '../../../../shared/domain/painel';
import type { ReadableDB } from '../connection';
import { readAllOffThread } from '../off-thread';
import { sql, sqlConstant, sqlFragment, sqlJoin, type SqlQuery } from '../sql';

const TOP = 10;
/** The statuses that count as sales, as an SQL list. */
export const SALES = sqlFragment`(${sqlJoin(SALE_STATUSES)})`;

/** Orders and their total per status and payment method, in a cut UTC day. */
export interface MoneyRow {
  s: string;
  p: string;
  n: number;
  c: number;
}

/** The period's customers with a sale (`customers`, and `seen`: those with a sale before it) beside one of its top ten (null with no customer). */
export interface CustomerRow {
  customers: number;
  seen: number;
  id: number | null;
  name: string | null;
  sales: number | null;
  revenue: number | null;
}

export interface SkuRow {
  sku: string;
  name: string | null;
  quantity: number;
  revenue: number;
}

/** What a period needs read from its orders rather than from the kept totals. */
export interface OrderReads {
  /** [from, to) of the period, UTC text. */
  period: [string, string];
  /** Its cut UTC days, for statuses and payment methods. */
  moneyEdges: [string, string][];
  /** Its whole UTC months as `YYYY-MM` bounds (null for none), and the parts outside them. */
  months: [string, string] | null;
  monthEdges: [string, string][];
}

// The part of a UTC day at a period's edge.
const moneySql = (storeId: string, from: string, to: string) =>
  sql<MoneyRow>`SELECT coalesce(status_alias, '') AS s, coalesce(payment_alias, '') AS p,
     count(*) AS n, coalesce(sum(total_cents), 0) AS c
   FROM orders INDEXED BY orders_by_created
   WHERE store_id = ${storeId} AND created_utc >= ${from} AND created_utc < ${to}
   GROUP BY s, p`;

// A customer is new when the period holds their first sale in the cache (migration 9's kept first sales, a range on
// their index), returning when one came before it: the period's customers less the new. The top ten come out of the
// same grouping.
const customersSql = (storeId: string, from: string, to: string) =>
  sql<CustomerRow>`WITH c AS MATERIALIZED (
     SELECT o.customer_id AS id, max(o.customer_name) AS name, count(*) AS sales, coalesce(sum(o.total_cents), 0) AS revenue
     FROM orders o INDEXED BY orders_by_created
     WHERE o.store_id = ${storeId} AND o.created_utc >= ${from} AND o.created_utc < ${to}
       AND o.status_alias IN ${SALES} AND o.customer_id IS NOT NULL
     GROUP BY o.customer_id),
   k AS (SELECT count(*) AS customers FROM c),
   f AS (SELECT count(*) AS fresh FROM customer_first_sales INDEXED BY customer_first_sales_by_time
     WHERE store_id = ${storeId} AND first_sale_utc >= ${from} AND first_sale_utc < ${to})
   SELECT k.customers, k.customers - f.fresh AS seen, t.id, t.name, t.sales, t.revenue
   FROM k, f LEFT JOIN (SELECT * FROM c ORDER BY revenue DESC, id LIMIT ${sqlConstant(TOP)}) t ON 1`;

// A period is whole months, parts outside them or both, so there is always a part. Whole UTC months from their kept totals (migration 7), the rest from the sales' items. Gifts are shipped, not sold;
// an SKU's revenue is quantity × unit price (order discounts stay on the order).
const skusSql = (storeId: string, months: [string, string] | null, edges: readonly [string, string][]) => {
  const parts = edges.map(
    ([from, to]) => sqlFragment`SELECT coalesce(i.sku, '') AS sku, i.name AS name, i.quantity AS quantity,
       i.quantity * i.unit_price_cents AS revenue
     FROM orders o INDEXED BY orders_by_created JOIN order_items i ON i.order_pk = o.pk
     WHERE o.store_id = ${storeId} AND o.created_utc >= ${from} AND o.created_utc < ${to}
       AND o.status_alias IN ${SALES} AND i.gift = 0`,
  );
  if (months !== null)
    parts.push(sqlFragment`SELECT sku, name, quantity, revenue_cents AS revenue FROM order_sku_months
      WHERE store_id = ${storeId} AND month >= ${months[0]} AND month < ${months[1]}`);
  return sql<SkuRow>`SELECT sku, max(name) AS name, sum(quantity) AS quantity, coalesce(sum(revenue), 0) AS revenue
   FROM (${parts.reduce((all, part) => sqlFragment`${all} UNION ALL ${part}`)})
   WHERE sku <> '' GROUP BY sku ORDER BY revenue DESC, sku LIMIT ${sqlConstant(TOP)}`;
};

export interface FromOrders {
  moneyEdges: MoneyRow[];
  customers: CustomerRow[];
  skus: SkuRow[];
}

/**
 * The figures of each period that are read from its orders, all in one worker (a year's take seconds at a million
 * orders): the main loop goes on with the kept totals meanwhile and never waits on these.
 */
export async function readFromOrders(
  db: ReadableDB,
  storeId: string,
  periods: readonly OrderReads[],
): Promise<FromOrders[]> {
  const queries: SqlQuery[] = [];
  for (const p of periods) {
    queries.push(...p.moneyEdges.map(([a, b]) => moneySql(storeId, a, b)));
    queries.push(customersSql(storeId, ...p.period), skusSql(storeId, p.months, p.monthEdges));
  }
  const rows = (await readAllOffThread<unknown[]>(db, queries)) as unknown[][];
  let at = 0;
  return periods.map((p) => {
    const moneyEdges = rows.slice(at, at + p.moneyEdges.length).flat() as MoneyRow[];
    at += p.moneyEdges.length;
    const customers = rows[at] as CustomerRow[];
    const skus = rows[at + 1] as SkuRow[];
    at += 2;
    return { moneyEdges, customers, skus };
  });
}
