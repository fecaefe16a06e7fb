import type { Customer, CustomerDetail, CustomerSummary, CustomerTotals } from '../../../shared/domain/customer';
import type { Address, OrderSummary } from '../../../shared/domain/order';
import type { CustomerQuery, OrderQuery, Page } from '../../../shared/domain/query';
import type { ZonedTime } from '../../../shared/domain/time';
import { AppError } from '../base/app-error';
import { refreshCustomerStats, upsertCustomerFromApi } from './customer-rows';
import type { Db } from './open';
import { pageBounds } from './order-filters';
import { addressFromRow, listOrders } from './orders-query';
import { rawJson } from './raw-json';
import { ftsQuery } from './search-terms';
import { searchWordsFor } from './search-words';
import { stmt } from './statements';
import { writePageCheckpoint, type PageCheckpoint } from './sync-state-repo';
import { forgetUnreadable, keepUnreadable, type UnreadableInput } from './unreadable-repo';

/** Orders in these statuses never brought money in: they count as orders but not as spending. */
export const NOT_SPENT_STATUSES = ['cancelled', 'refused', 'refunded'] as const;

const zoned = (utc: string | null, zone: string | null): ZonedTime | null =>
  utc === null ? null : { utc, zone: zone ?? 'UTC' };

/** One page of the customer sync, in one transaction with its checkpoint, like writeOrderPage. */
export function writeCustomers(
  db: Db,
  storeId: string,
  customers: readonly Customer[],
  rawRecords: readonly unknown[],
  unreadable: readonly UnreadableInput[],
  checkpoint: PageCheckpoint | null,
): void {
  if (rawRecords.length !== customers.length) {
    throw new AppError(
      'INTERNAL',
      `writeCustomers: ${customers.length} customers but ${rawRecords.length} raw records`,
    );
  }
  const now = new Date().toISOString();
  db.transaction(() => {
    customers.forEach((customer, i) => {
      if (customer.storeId !== storeId) throw new AppError('INTERNAL', 'writeCustomers: a customer of another store');
      upsertCustomerFromApi(db, customer, rawJson(rawRecords[i]), now);
      refreshCustomerStats(db, storeId, customer.id);
      forgetUnreadable(db, storeId, 'customer', customer.id);
    });
    keepUnreadable(db, storeId, 'customer', unreadable, now);
    if (checkpoint !== null) writePageCheckpoint(db, storeId, 'customers', checkpoint);
  }).immediate();
}

interface CustomerRow {
  store_id: string;
  id: number;
  name: string | null;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  tax_id: string | null;
  tax_id_kind: 'cpf' | 'cnpj' | null;
  company_name: string | null;
  phone: string | null;
  birthday: string | null;
  active: number | null;
  created_utc: string | null;
  created_zone: string | null;
  parse_problems: string;
  order_count: number;
  last_order_utc: string | null;
  last_order_zone: string | null;
  raw: string | null;
}

const NOT_SPENT_SQL = NOT_SPENT_STATUSES.map((s) => `'${s}'`).join(', ');

const SORTS = {
  name: 'c.sort_name',
  lastOrder: 'c.last_order_utc',
  orderCount: 'c.order_count',
  // Summed per customer from the covering index orders_by_customer, as the customer view's total.
  totalSpent: `(SELECT coalesce(sum(o.total_cents), 0) FROM orders o WHERE o.store_id = c.store_id
    AND o.customer_id = c.id AND (o.status_alias IS NULL OR o.status_alias NOT IN (${NOT_SPENT_SQL})))`,
} as const;

export function listCustomers(db: Db, storeId: string, query: CustomerQuery): Page<CustomerSummary> {
  const { offset, limit } = pageBounds(query.offset, query.limit);
  const conditions = ['c.store_id = ?'];
  const params: unknown[] = [storeId];
  if (query.search !== undefined && query.search.trim() !== '') {
    const match = ftsQuery(query.search, { words: searchWordsFor(db, 'customers', storeId, query.search) });
    if (match === null) conditions.push('0');
    else {
      conditions.push('c.pk IN (SELECT rowid FROM customers_fts WHERE customers_fts MATCH ?)');
      params.push(match);
    }
  }
  const key = SORTS[query.sort?.key ?? 'name'];
  const dir =
    (query.sort?.direction ?? (query.sort?.key === undefined || query.sort.key === 'name' ? 'asc' : 'desc')) === 'asc'
      ? 'ASC'
      : 'DESC';
  const where = conditions.join(' AND ');
  const rows = stmt(
    db,
    `SELECT c.* FROM customers c WHERE ${where} ORDER BY ${key} ${dir}, c.id ${dir} LIMIT ${limit} OFFSET ${offset}`,
  ).all(...params) as CustomerRow[];
  const total = (stmt(db, `SELECT count(*) AS n FROM customers c WHERE ${where}`).get(...params) as { n: number }).n;
  return {
    rows: rows.map((r) => ({
      id: r.id,
      name: r.name,
      email: r.email,
      taxId: r.tax_id,
      phone: r.phone,
      orderCount: r.order_count,
      lastOrderAt: zoned(r.last_order_utc, r.last_order_zone),
    })),
    total,
    totalIsExact: true,
    offset,
    limit,
  };
}

export function getCustomerDetail(db: Db, storeId: string, customerId: number): CustomerDetail | null {
  const row = stmt(db, 'SELECT * FROM customers WHERE store_id = ? AND id = ?').get(storeId, customerId) as
    CustomerRow | undefined;
  if (row === undefined) return null;
  const customer: Customer = {
    id: row.id,
    storeId: row.store_id,
    name: row.name,
    firstName: row.first_name,
    lastName: row.last_name,
    email: row.email,
    taxId: row.tax_id,
    taxIdKind: row.tax_id_kind,
    companyName: row.company_name,
    phone: row.phone,
    birthday: row.birthday,
    active: row.active === null ? null : row.active === 1,
    createdAt: zoned(row.created_utc, row.created_zone),
    parseProblems: JSON.parse(row.parse_problems) as string[],
  };
  return {
    customer,
    totals: customerTotals(db, storeId, customerId),
    addresses: customerAddresses(db, storeId, customerId),
    raw: row.raw === null ? null : (JSON.parse(row.raw) as unknown),
  };
}

/** The distinct addresses the customer's orders were sent to, the most recently used first. */
export function customerAddresses(db: Db, storeId: string, customerId: number): Address[] {
  const rows = stmt(
    db,
    `SELECT a.receiver, a.street, a.number, a.complement, a.neighborhood, a.city, a.uf, a.zipcode, a.country,
       a.full_address, max(o.created_utc) AS last_used
     FROM orders o JOIN order_addresses a ON a.order_pk = o.pk AND a.kind = 'shipping'
     WHERE o.store_id = ? AND o.customer_id = ?
     GROUP BY a.street, a.number, a.complement, a.zipcode, a.city
     ORDER BY last_used DESC LIMIT 20`,
  ).all(storeId, customerId) as Record<string, string | null>[];
  return rows.map(addressFromRow);
}

/** Read from the covering index orders_by_customer: no order row is touched but the first and last. */
export function customerTotals(db: Db, storeId: string, customerId: number): CustomerTotals {
  const notSpent = NOT_SPENT_STATUSES.map((s) => `'${s}'`).join(', ');
  const agg = stmt(
    db,
    `SELECT count(*) AS orders,
       sum(CASE WHEN status_alias IS NULL OR status_alias NOT IN (${notSpent}) THEN total_cents END) AS spent,
       count(CASE WHEN status_alias IS NULL OR status_alias NOT IN (${notSpent}) THEN total_cents END) AS counted
     FROM orders WHERE store_id = ? AND customer_id = ?`,
  ).get(storeId, customerId) as { orders: number; spent: number | null; counted: number };
  const edge = (dir: 'ASC' | 'DESC') =>
    stmt(
      db,
      `SELECT created_utc, created_zone FROM orders WHERE store_id = ? AND customer_id = ? AND created_utc IS NOT NULL
       ORDER BY created_utc ${dir} LIMIT 1`,
    ).get(storeId, customerId) as { created_utc: string; created_zone: string | null } | undefined;
  const first = edge('ASC');
  const last = edge('DESC');
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
  db: Db,
  storeId: string,
  customerId: number,
  query: Omit<OrderQuery, 'customerId'> = {},
): Page<OrderSummary> {
  return listOrders(db, storeId, { ...query, customerId });
}
