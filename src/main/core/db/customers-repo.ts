import type { Customer, CustomerDetail, CustomerSummary, CustomerTotals } from '../../../shared/domain/customer';
import type { Address, OrderSummary } from '../../../shared/domain/order';
import type { CustomerQuery, OrderQuery, Page } from '../../../shared/domain/query';
import { AppError } from '../base/app-error';
import type { ReadableDB, WritableDB } from './connection';
import { refreshCustomerStats, upsertCustomerFromApi } from './customer-rows';
import { pageBounds } from './order-filters';
import { listOrders } from './orders-list';
import { packedPageRaws, storedRawJson, type PageRaws } from './raw-json';
import { toCustomer, toCustomerSummary, type CustomerRow } from './rows/customers';
import { parseJson } from './rows/json';
import { toAddress, zoned, type AddressRow } from './rows/orders';
import { customerSearchFilter } from './search';
import { sql, sqlConstant, sqlFragment, sqlJoin, type SqlFragment } from './sql';
import { readAll, readOne } from './statements';
import { writePageCheckpoint, type PageCheckpoint } from './sync-state-repo';
import { forgetUnreadable, keepUnreadable, type UnreadableInput } from './unreadable-repo';

/** Orders in these statuses never brought money in: they count as orders but not as spending. */
export const NOT_SPENT_STATUSES = ['cancelled', 'refused', 'refunded'] as const;

/** One page of the customer sync, in one transaction with its checkpoint, like writeOrderPage. */
export function writeCustomers(
  db: WritableDB,
  storeId: string,
  customers: readonly Customer[],
  rawRecords: PageRaws,
  unreadable: readonly UnreadableInput[],
  checkpoint: PageCheckpoint | null,
): void {
  const packed = packedPageRaws(rawRecords, 'customer');
  if (packed.length !== customers.length) {
    throw new AppError('INTERNAL', `writeCustomers: ${customers.length} customers but ${packed.length} raw records`);
  }
  const now = new Date().toISOString();
  db.transaction(() => {
    customers.forEach((customer, i) => {
      if (customer.storeId !== storeId) throw new AppError('INTERNAL', 'writeCustomers: a customer of another store');
      upsertCustomerFromApi(db, customer, packed[i], now);
      refreshCustomerStats(db, storeId, customer.id);
      forgetUnreadable(db, storeId, 'customer', customer.id);
    });
    keepUnreadable(db, storeId, 'customer', unreadable, now);
    if (checkpoint !== null) writePageCheckpoint(db, storeId, 'customers', checkpoint);
  }).immediate();
}

const SORTS = {
  name: sqlFragment`c.sort_name`,
  lastOrder: sqlFragment`c.last_order_utc`,
  orderCount: sqlFragment`c.order_count`,
  // Summed per customer from the covering index orders_by_customer, as the customer view's total.
  totalSpent: sqlFragment`(SELECT coalesce(sum(o.total_cents), 0) FROM orders o WHERE o.store_id = c.store_id
    AND o.customer_id = c.id AND (o.status_alias IS NULL OR o.status_alias NOT IN (${sqlJoin(NOT_SPENT_STATUSES)})))`,
} as const;

export function listCustomers(db: ReadableDB, storeId: string, query: CustomerQuery): Page<CustomerSummary> {
  const { offset, limit } = pageBounds(query.offset, query.limit);
  const conditions = [sqlFragment`c.store_id = ${storeId}`];
  if (query.search !== undefined && query.search.trim() !== '')
    conditions.push(customerSearchFilter(db, storeId, query.search));
  const key = SORTS[query.sort?.key ?? 'name'];
  const dir =
    (query.sort?.direction ?? (query.sort?.key === undefined || query.sort.key === 'name' ? 'asc' : 'desc')) === 'asc'
      ? sqlFragment`ASC`
      : sqlFragment`DESC`;
  const where = sqlJoin(conditions, ' AND ');
  const rows = readAll(
    db,
    sql<CustomerRow>`SELECT c.* FROM customers c WHERE ${where} ORDER BY ${key} ${dir}, c.id ${dir}
      LIMIT ${sqlConstant(limit)} OFFSET ${sqlConstant(offset)}`,
  );
  const total = readOne(db, sql<{ n: number }>`SELECT count(*) AS n FROM customers c WHERE ${where}`)?.n ?? 0;
  return { rows: rows.map(toCustomerSummary), total, totalIsExact: true, offset, limit };
}

export function getCustomerDetail(db: ReadableDB, storeId: string, customerId: number): CustomerDetail | null {
  const row = readOne(db, sql<CustomerRow>`SELECT * FROM customers WHERE store_id = ${storeId} AND id = ${customerId}`);
  if (row === undefined) return null;
  const raw = storedRawJson(row);
  return {
    customer: toCustomer(row),
    totals: customerTotals(db, storeId, customerId),
    addresses: customerAddresses(db, storeId, customerId),
    raw: raw === null ? null : parseJson(raw),
  };
}

/** The distinct addresses the customer's orders were sent to, the most recently used first. */
export function customerAddresses(db: ReadableDB, storeId: string, customerId: number): Address[] {
  return readAll(
    db,
    sql<AddressRow>`SELECT a.receiver, a.street, a.number, a.complement, a.neighborhood, a.city, a.uf, a.zipcode,
       a.country, a.full_address, max(o.created_utc) AS last_used
     FROM orders o JOIN order_addresses a ON a.order_pk = o.pk AND a.kind = 'shipping'
     WHERE o.store_id = ${storeId} AND o.customer_id = ${customerId}
     GROUP BY a.street, a.number, a.complement, a.zipcode, a.city
     ORDER BY last_used DESC LIMIT 20`,
  ).map(toAddress);
}

/** Read from the covering index orders_by_customer: no order row is touched but the first and last. */
export function customerTotals(db: ReadableDB, storeId: string, customerId: number): CustomerTotals {
  const notSpent = sqlJoin(NOT_SPENT_STATUSES);
  const agg = readOne(
    db,
    sql<{ orders: number; spent: number | null; counted: number }>`SELECT count(*) AS orders,
       sum(CASE WHEN status_alias IS NULL OR status_alias NOT IN (${notSpent}) THEN total_cents END) AS spent,
       count(CASE WHEN status_alias IS NULL OR status_alias NOT IN (${notSpent}) THEN total_cents END) AS counted
     FROM orders WHERE store_id = ${storeId} AND customer_id = ${customerId}`,
  ) ?? { orders: 0, spent: null, counted: 0 };
  const edge = (dir: SqlFragment) =>
    readOne(
      db,
      sql<{ created_utc: string; created_zone: string | null }>`SELECT created_utc, created_zone FROM orders
       WHERE store_id = ${storeId} AND customer_id = ${customerId} AND created_utc IS NOT NULL
       ORDER BY created_utc ${dir} LIMIT 1`,
    );
  const first = edge(sqlFragment`ASC`);
  const last = edge(sqlFragment`DESC`);
  const spent = agg.spent ?? 0;
  return {
    orderCount: agg.orders,
    spentCents: spent,
    averageCents: agg.counted === 0 ? 0 : Math.round(spent / agg.counted),
    firstOrderAt: first === undefined ? null : zoned(first.created_utc, first.created_zone),
    lastOrderAt: last === undefined ? null : zoned(last.created_utc, last.created_zone),
  };
}

/** A customer's orders, newest first unless asked otherwise, paged like the order list. */
export function listCustomerOrders(
  db: ReadableDB,
  storeId: string,
  customerId: number,
  query: Omit<OrderQuery, 'customerId'> = {},
): Page<OrderSummary> {
  return listOrders(db, storeId, { ...query, customerId });
}
