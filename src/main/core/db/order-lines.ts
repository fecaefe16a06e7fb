import type { OrderLines } from '../../../shared/domain/order';
import type { ReadableDB } from './connection';
import { NOT_REVIEWED } from './review-repo';
import { toOrder, type AddressRow, type ItemRow, type OrderColumnsRow } from './rows/orders';
import { sql } from './sql';
import { readAll } from './statements';

/**
 * Many orders in four statements (their rows, items, shipping addresses and review marks), never their raw
 * record: unpacking and normalising it per order is what made a 10,000-order CSV take seconds of CPU. The
 * facts, the status history and the transactions live only in that record, so they are absent or empty here
 * (rows/orders.ts). The
 * ids go in as one JSON array, so every batch size shares one prepared statement. Keyed by order id; an id
 * not in the cache is absent.
 */
export function getOrderLines(db: ReadableDB, storeId: string, ids: readonly number[]): Map<number, OrderLines> {
  const idList = JSON.stringify(ids);
  const rows = readAll(
    db,
    sql<OrderColumnsRow>`SELECT pk, store_id, id, number, status_alias, status_name, status_id, customer_id,
      customer_name, customer_email, customer_tax_id, customer_phone, created_utc, created_zone, updated_utc,
      updated_zone, total_cents, products_cents, shipment_cents, discount_cents, tax_cents, payment_alias,
      payment_name, installments, delivered, tracking_code, track_url, promocode_id, promocode_code,
      parse_problems, parse_problem_count, reviewed, flagged
      FROM orders WHERE store_id = ${storeId} AND id IN (SELECT value FROM json_each(${idList}))`,
  );
  const pkList = JSON.stringify(rows.map((row) => row.pk));
  const items = new Map<number, ItemRow[]>();
  for (const item of readAll(
    db,
    sql<ItemRow & { order_pk: number }>`SELECT * FROM order_items
      WHERE order_pk IN (SELECT value FROM json_each(${pkList})) ORDER BY order_pk, position`,
  )) {
    const list = items.get(item.order_pk);
    if (list) list.push(item);
    else items.set(item.order_pk, [item]);
  }
  const addresses = new Map(
    readAll(
      db,
      sql<AddressRow & { order_pk: number }>`SELECT * FROM order_addresses
        WHERE order_pk IN (SELECT value FROM json_each(${pkList})) AND kind = 'shipping'`,
    ).map((address) => [address.order_pk, address]),
  );
  const reviews = new Map(
    readAll(
      db,
      sql<{ order_id: number; reviewed: number; flagged: number; note: string; updated_at: string }>`SELECT order_id,
        reviewed, flagged, note, updated_at FROM review_state
        WHERE store_id = ${storeId} AND order_id IN (SELECT value FROM json_each(${idList}))`,
    ).map((r) => [
      r.order_id,
      { reviewed: r.reviewed === 1, flagged: r.flagged === 1, note: r.note, updatedAt: r.updated_at },
    ]),
  );
  return new Map(
    rows.map((row) => [
      row.id,
      {
        order: toOrder(row, { items: items.get(row.pk) ?? [], address: addresses.get(row.pk) }),
        review: reviews.get(row.id) ?? { ...NOT_REVIEWED },
      },
    ]),
  );
}
