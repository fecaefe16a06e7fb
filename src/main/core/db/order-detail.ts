import type { OrderDetail } from '../../../shared/domain/order';
import { normalizeOrder } from '../normalize/order';
import type { ReadableDB } from './connection';
import { storedRawJson } from './raw-json';
import { getReview } from './review-repo';
import { parseJson } from './rows/json';
import { toOrder, type AddressRow, type ItemRow, type OrderRow } from './rows/orders';
import { sql } from './sql';
import { readAll, readOne } from './statements';

/**
 * Everything about one order: the raw API record read again with the normaliser that filled the columns (so the
 * detail shows all the record holds, its status history and transactions too, which only the record keeps), the
 * raw record itself and the local review state. A record the normaliser cannot read as this order leaves the order
 * as its columns and relation tables hold it.
 */
export function getOrderDetail(db: ReadableDB, storeId: string, orderId: number): OrderDetail | null {
  const row = readOne(db, sql<OrderRow>`SELECT * FROM orders WHERE store_id = ${storeId} AND id = ${orderId}`);
  if (row === undefined) return null;
  const raw = parseJson(storedRawJson(row));
  const zone = readOne(db, sql<{ time_zone: string }>`SELECT time_zone FROM stores WHERE id = ${storeId}`);
  const { order } = normalizeOrder(raw, { storeId, storeZone: zone?.time_zone ?? 'UTC' });
  return {
    order:
      order !== null && order.id === orderId
        ? order
        : toOrder(row, {
            items: readAll(db, sql<ItemRow>`SELECT * FROM order_items WHERE order_pk = ${row.pk} ORDER BY position`),
            address: readOne(
              db,
              sql<AddressRow>`SELECT * FROM order_addresses WHERE order_pk = ${row.pk} AND kind = 'shipping'`,
            ),
          }),
    review: getReview(db, storeId, orderId),
    raw,
  };
}
