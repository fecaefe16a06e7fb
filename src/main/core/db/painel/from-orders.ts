import { SALE_STATUSES } from '../../../../shared/domain/painel';
import type { ReadableDB } from '../connection';
import { readAllOffThread } from '../off-thread';
import { sql, sqlConstant, sqlFragment, sqlJoin, type SqlFragment, type SqlQuery } from '../sql';

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

/** A part of a period's cut months read from its orders: added to the months' kept totals (1) or taken away (-1). */
export interface SignedPart {
  from: string;
  to: string;
  sign: 1 | -1;
}

/** What a period needs read from its orders rather than from the kept totals. */
export interface OrderReads {
  /** [from, to) of the period, UTC text. */
  period: [string, string];
  /** Its cut UTC days, for statuses and payment methods. */
  moneyEdges: [string, string][];
  /** The whole UTC months its customers and SKUs are summed over, as `YYYY-MM` bounds (null for none). */
  months: [string, string] | null;
  /** The parts of the period's ends to add to those months or take away from them. */
  monthEdges: SignedPart[];
}

// The part of a UTC day at a period's edge.
const moneySql = (storeId: string, from: string, to: string) =>
  sql<MoneyRow>`SELECT coalesce(status_alias, '') AS s, coalesce(payment_alias, '') AS p,
     count(*) AS n, coalesce(sum(total_cents), 0) AS c
   FROM orders INDEXED BY orders_by_created
   WHERE store_id = ${storeId} AND created_utc >= ${from} AND created_utc < ${to}
   GROUP BY s, p`;

/** The rows of `months` (one table's, `columns` read from it) and of each part's orders, signed, as one UNION ALL. */
function signedUnion(
  months: SqlFragment | null,
  edges: readonly SignedPart[],
  part: (edge: SignedPart, sign: SqlFragment) => SqlFragment,
): SqlFragment {
  const parts = edges.map((edge) => part(edge, sqlConstant(edge.sign)));
  if (months !== null) parts.push(months);
  return parts.reduce((all, p) => sqlFragment`${all} UNION ALL ${p}`);
}

// A customer is new when the period holds their first sale in the cache (migration 9's kept first sales, a range on
// their index), returning when one came before it: the period's customers less the new. The period's customers and
// their sales are its whole months' kept totals (migration 10) with its edges' sales added or taken away; a customer
// is the period's when that leaves them a sale. The top ten come out of the same grouping, named from their sales.
const customersSql = (storeId: string, p: OrderReads) => {
  const [from, to] = p.period;
  const rows = signedUnion(
    p.months === null
      ? null
      : sqlFragment`SELECT customer_id AS id, sales, revenue_cents AS revenue FROM customer_sale_months
        WHERE store_id = ${storeId} AND month >= ${p.months[0]} AND month < ${p.months[1]}`,
    p.monthEdges,
    (edge, sign) => sqlFragment`SELECT o.customer_id AS id, ${sign} AS sales,
        ${sign} * coalesce(o.total_cents, 0) AS revenue
      FROM orders o INDEXED BY orders_by_created
      WHERE o.store_id = ${storeId} AND o.created_utc >= ${edge.from} AND o.created_utc < ${edge.to}
        AND o.status_alias IN ${SALES} AND o.customer_id IS NOT NULL`,
  );
  return sql<CustomerRow>`WITH c AS MATERIALIZED (
     SELECT id, sum(sales) AS sales, sum(revenue) AS revenue FROM (${rows}) GROUP BY id HAVING sum(sales) > 0),
   k AS (SELECT count(*) AS customers FROM c),
   f AS (SELECT count(*) AS fresh FROM customer_first_sales INDEXED BY customer_first_sales_by_time
     WHERE store_id = ${storeId} AND first_sale_utc >= ${from} AND first_sale_utc < ${to})
   SELECT k.customers, k.customers - f.fresh AS seen, t.id, t.sales, t.revenue,
     (SELECT max(o.customer_name) FROM orders o INDEXED BY orders_by_customer
       WHERE o.store_id = ${storeId} AND o.customer_id = t.id AND o.created_utc >= ${from} AND o.created_utc < ${to}
         AND o.status_alias IN ${SALES}) AS name
   FROM k, f LEFT JOIN (SELECT * FROM c ORDER BY revenue DESC, id LIMIT ${sqlConstant(TOP)}) t ON 1`;
};

// Whole UTC months from their kept totals (migration 7), the edges from the sales' items, added or taken away. Gifts
// are shipped, not sold; an SKU's revenue is quantity × unit price (order discounts stay on the order). Its name is
// the greatest it was sold under in the months and edges read.
const skusSql = (storeId: string, p: OrderReads) => {
  const rows = signedUnion(
    p.months === null
      ? null
      : sqlFragment`SELECT sku, name, quantity, revenue_cents AS revenue FROM order_sku_months
        WHERE store_id = ${storeId} AND month >= ${p.months[0]} AND month < ${p.months[1]}`,
    p.monthEdges,
    (edge, sign) => sqlFragment`SELECT coalesce(i.sku, '') AS sku, i.name AS name, ${sign} * i.quantity AS quantity,
        ${sign} * i.quantity * i.unit_price_cents AS revenue
      FROM orders o INDEXED BY orders_by_created JOIN order_items i ON i.order_pk = o.pk
      WHERE o.store_id = ${storeId} AND o.created_utc >= ${edge.from} AND o.created_utc < ${edge.to}
        AND o.status_alias IN ${SALES} AND i.gift = 0`,
  );
  return sql<SkuRow>`SELECT sku, max(name) AS name, sum(quantity) AS quantity, coalesce(sum(revenue), 0) AS revenue
   FROM (${rows})
   WHERE sku <> '' GROUP BY sku HAVING sum(quantity) > 0 ORDER BY revenue DESC, sku LIMIT ${sqlConstant(TOP)}`;
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
    queries.push(customersSql(storeId, p), skusSql(storeId, p));
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
