import type { OrderDetail } from '../../../shared/domain/order';
import type { ReadableDB } from './connection';
import { getReview } from './review-repo';
import { storedRawJson } from './raw-json';
import { parseJson } from './rows/json';
import {
  toOrder,
  type AddressRow,
  type ItemRow,
  type OrderRow,
  type StatusChangeRow,
  type TransactionRow,
} from './rows/orders';
import { sql } from './sql';
import { readAll, readOne } from './statements';

/** Everything about one order: its relations, the raw API record and the local review state. */
export function getOrderDetail(db: ReadableDB, storeId: string, orderId: number): OrderDetail | null {
  const row = readOne(db, sql<OrderRow>`SELECT * FROM orders WHERE store_id = ${storeId} AND id = ${orderId}`);
  if (row === undefined) return null;
  const order = toOrder(row, {
    items: readAll(db, sql<ItemRow>`SELECT * FROM order_items WHERE order_pk = ${row.pk} ORDER BY position`),
    address: readOne(
      db,
      sql<AddressRow>`SELECT * FROM order_addresses WHERE order_pk = ${row.pk} AND kind = 'shipping'`,
    ),
    transactions: readAll(
      db,
      sql<TransactionRow>`SELECT * FROM order_transactions WHERE order_pk = ${row.pk} ORDER BY position`,
    ),
    history: readAll(
      db,
      sql<StatusChangeRow>`SELECT * FROM order_status_history WHERE order_pk = ${row.pk} ORDER BY position`,
    ),
  });
  return { order, review: getReview(db, storeId, orderId), raw: parseJson(storedRawJson(row)) };
}
