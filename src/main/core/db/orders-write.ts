import type { Order, OrderCustomerRef } from '../../../shared/domain/order';
import { AppError } from '../base/app-error';
import { refreshCustomerStats, upsertCustomerStub } from './customer-rows';
import type { WritableDB } from './connection';
import { packedPageRaws, type PageRaws } from './raw-json';
import { writeOrderSearchRow } from './search';
import { sortKey } from './sort-key';
import { sql, sqlFragment } from './sql';
import { readOne, write, writeReturning } from './statements';
import { writePageCheckpoint, type PageCheckpoint } from './sync-state-repo';
import { forgetUnreadable, keepUnreadable, type UnreadableInput } from './unreadable-repo';

const bit = (value: boolean | null): number | null => (value === null ? null : value ? 1 : 0);

/**
 * Writes one page of a sync in ONE transaction: the orders (upserted, their
 * relations replaced, never duplicated), their FTS rows, the customers they
 * embed, the unreadable records, and the checkpoint. A crash either keeps the
 * whole page and its checkpoint or neither, so a resumed sync never skips or
 * half-writes a page. Review state is not touched.
 *
 * `rawRecords[i]` is the API record `orders[i]` was read from, or that record already packed (raw-json.ts).
 * `digests[i]`, where given, digests both (the sync prepares them): an order already written with that digest is left
 * as it is, but for `synced_at`. `arrivalRun` is kept on the orders this write
 * inserts (never on one already cached): the sync run that brought them, for opening the list on exactly those.
 */
export function writeOrderPage(
  db: WritableDB,
  storeId: string,
  orders: readonly Order[],
  rawRecords: PageRaws,
  unreadable: readonly UnreadableInput[],
  checkpoint: PageCheckpoint | null,
  arrivalRun: number | null = null,
  digests: readonly Uint8Array[] | null = null,
): void {
  const packed = packedPageRaws(rawRecords, 'order');
  if (packed.length !== orders.length || (digests !== null && digests.length !== orders.length)) {
    throw new AppError('INTERNAL', `writeOrderPage: ${orders.length} orders but ${packed.length} raw records`);
  }
  const now = new Date().toISOString();
  db.transaction(() => {
    const touchedCustomers = new Set<number>();
    const embedded = new Map<number, OrderCustomerRef & { id: number }>();
    orders.forEach((order, i) => {
      if (order.storeId !== storeId) throw new AppError('INTERNAL', 'writeOrderPage: an order of another store');
      const previous = readOne(
        db,
        sql<{
          pk: number;
          customer_id: number | null;
          search_key: number | null;
          created_utc: string | null;
          write_digest: Uint8Array | null;
        }>`SELECT pk, customer_id, search_key, created_utc, write_digest FROM orders
          WHERE store_id = ${storeId} AND id = ${order.id}`,
      );
      const customer = order.customer;
      if (customer !== null && customer.id !== null) embedded.set(customer.id, { ...customer, id: customer.id });
      forgetUnreadable(db, storeId, 'order', order.id);
      const digest = digests?.[i] ?? null;
      if (digest !== null && previous?.write_digest != null && Buffer.from(digest).equals(previous.write_digest)) {
        // Written before from this very record and reading: the row, its relations, search row and totals stand.
        write(db, sql`UPDATE orders SET synced_at = ${now} WHERE pk = ${previous.pk}`);
        return;
      }
      if (previous?.customer_id != null) touchedCustomers.add(previous.customer_id);
      const pk = upsertOrder(db, order, packed[i], digest, now, arrivalRun);
      replaceRelations(db, pk, order, previous !== undefined);
      writeOrderSearchRow(db, pk, order, previous);
    });
    // Once per customer per page: a customer with many orders in the page is written once, as its latest order shows it.
    for (const ref of embedded.values()) {
      upsertCustomerStub(db, storeId, ref, now);
      touchedCustomers.add(ref.id);
    }
    for (const customerId of touchedCustomers) refreshCustomerStats(db, storeId, customerId);
    keepUnreadable(db, storeId, 'order', unreadable, now);
    if (checkpoint !== null) writePageCheckpoint(db, storeId, 'orders', checkpoint);
  }).immediate();
}

function upsertOrder(
  db: WritableDB,
  o: Order,
  raw: Uint8Array,
  digest: Uint8Array | null,
  now: string,
  arrivalRun: number | null,
): number {
  const row = writeReturning(
    db,
    sql<{ pk: number }>`
INSERT INTO orders (store_id, id, number, status_alias, status_name, status_id, customer_id, customer_name, customer_sort,
  customer_email, customer_tax_id, customer_phone, created_utc, created_zone, updated_utc, updated_zone, total_cents,
  products_cents, shipment_cents, discount_cents, tax_cents, payment_alias, payment_name, installments, delivered,
  tracking_code, track_url, promocode_id, promocode_code, parse_problems, parse_problem_count, raw, raw_deflated, synced_at, arrival_run,
  write_digest)
VALUES (${o.storeId}, ${o.id}, ${o.number}, ${o.status?.alias ?? null}, ${o.status?.name ?? null}, ${o.status?.id ?? null},
  ${o.customer?.id ?? null}, ${o.customer?.name ?? null}, ${sortKey(o.customer?.name ?? null)}, ${o.customer?.email ?? null},
  ${o.customer?.taxId ?? null}, ${o.customer?.phone ?? null}, ${o.createdAt?.utc ?? null}, ${o.createdAt?.zone ?? null},
  ${o.updatedAt?.utc ?? null}, ${o.updatedAt?.zone ?? null}, ${o.totalCents}, ${o.productsCents}, ${o.shipmentCents},
  ${o.discountCents}, ${o.taxCents}, ${o.payment?.alias ?? null}, ${o.payment?.name ?? null}, ${o.installments},
  ${bit(o.delivered)}, ${o.trackingCode}, ${o.trackUrl}, ${o.promocode?.id ?? null}, ${o.promocode?.code ?? null},
  ${JSON.stringify(o.parseProblems)}, ${o.parseProblems.length}, '', ${raw}, ${now}, ${arrivalRun}, ${digest})
ON CONFLICT (store_id, id) DO UPDATE SET -- every column but arrival_run: an order arrives once
  number = excluded.number, status_alias = excluded.status_alias, status_name = excluded.status_name,
  status_id = excluded.status_id, customer_id = excluded.customer_id, customer_name = excluded.customer_name,
  customer_sort = excluded.customer_sort, customer_email = excluded.customer_email,
  customer_tax_id = excluded.customer_tax_id, customer_phone = excluded.customer_phone,
  created_utc = excluded.created_utc, created_zone = excluded.created_zone, updated_utc = excluded.updated_utc,
  updated_zone = excluded.updated_zone, total_cents = excluded.total_cents, products_cents = excluded.products_cents,
  shipment_cents = excluded.shipment_cents, discount_cents = excluded.discount_cents, tax_cents = excluded.tax_cents,
  payment_alias = excluded.payment_alias, payment_name = excluded.payment_name, installments = excluded.installments,
  delivered = excluded.delivered, tracking_code = excluded.tracking_code, track_url = excluded.track_url,
  promocode_id = excluded.promocode_id, promocode_code = excluded.promocode_code,
  parse_problems = excluded.parse_problems, parse_problem_count = excluded.parse_problem_count,
  raw = excluded.raw, raw_deflated = excluded.raw_deflated, synced_at = excluded.synced_at,
  write_digest = excluded.write_digest
RETURNING pk`,
  );
  // An upsert with DO UPDATE always returns its row: this only guards the type.
  if (row === undefined) throw new Error(`writeOrderPage: no row returned for order ${o.id}`);
  return row.pk;
}

/** What lists, searches and figures read; the rest of an order is read from its raw record (order-detail.ts). */
const RELATION_TABLES = [sqlFragment`order_items`, sqlFragment`order_addresses`];

function replaceRelations(db: WritableDB, pk: number, order: Order, existed: boolean): void {
  if (existed) for (const table of RELATION_TABLES) write(db, sql`DELETE FROM ${table} WHERE order_pk = ${pk}`);
  const store = order.storeId;
  order.items.forEach((it, position) => {
    write(
      db,
      sql`INSERT INTO order_items (order_pk, store_id, position, id, sku, name, product_id, sku_id, quantity, unit_price_cents, gift, bundle_id, bundle_name)
       VALUES (${pk}, ${store}, ${position}, ${it.id}, ${it.sku}, ${it.name}, ${it.productId}, ${it.skuId}, ${it.quantity},
         ${it.unitPriceCents}, ${bit(it.gift)}, ${it.bundle?.id ?? null}, ${it.bundle?.name ?? null})`,
    );
  });
  const a = order.shippingAddress;
  if (a !== null) {
    write(
      db,
      sql`INSERT INTO order_addresses (order_pk, store_id, kind, receiver, street, number, complement, neighborhood, city, uf, zipcode, country, full_address)
       VALUES (${pk}, ${store}, 'shipping', ${a.receiver}, ${a.street}, ${a.number}, ${a.complement}, ${a.neighborhood},
         ${a.city}, ${a.uf}, ${a.zipcode}, ${a.country}, ${a.fullAddress})`,
    );
  }
}

/**
 * `synced_at` is when the sync last looked at an order: written with every record, and set here for an order
 * the store no longer returns (kept as last seen), so the refresh of old open orders moves on to the others.
 */
export function markOrdersChecked(db: WritableDB, storeId: string, orderIds: readonly number[], now: string): void {
  db.transaction(() => {
    for (const id of orderIds)
      write(db, sql`UPDATE orders SET synced_at = ${now} WHERE store_id = ${storeId} AND id = ${id}`);
  }).immediate();
}
