import type { WritableDB } from './connection';
import { packRawJson } from './raw-json';
import { sql } from './sql';
import { readAll, write } from './statements';
import { derivedVersions } from './derived-versions';

/** Raise it when rows must be packed again (never for a new dictionary: old ids stay readable). */
export const RAW_PACK_VERSION = 1;

const BATCH = 500;

/**
 * Packs the raw JSON that versions before migration 8 kept as text, once, after the migrations. Each batch is its
 * own transaction and every row reads the same packed or not, so a crash or a second connection costs nothing: the
 * next open goes on with the rows still unpacked, and the version is raised when none is left. A file below
 * migration 8 (tests that stop the migrations early) is left alone.
 */
export function repackRawIfStale(db: WritableDB): number {
  // Undefined below migration 8, which names it.
  const known = derivedVersions(db)?.get('raw');
  if (known === undefined || known >= RAW_PACK_VERSION) return 0;
  let packed = 0;
  // Walked by pk, so each batch starts where the last stopped rather than skipping every row packed so far.
  let orderPk = 0;
  let customerPk = 0;
  for (;;) {
    const n = db
      .transaction(() => {
        const orders = readAll(
          db,
          sql<{ pk: number; raw: string }>`SELECT pk, raw FROM orders WHERE pk > ${orderPk} AND raw_deflated IS NULL
            ORDER BY pk LIMIT ${BATCH}`,
        );
        for (const o of orders)
          write(db, sql`UPDATE orders SET raw = '', raw_deflated = ${packRawJson(o.raw, 'order')} WHERE pk = ${o.pk}`);
        const customers = readAll(
          db,
          sql<{ pk: number; raw: string }>`SELECT pk, raw FROM customers
            WHERE pk > ${customerPk} AND raw IS NOT NULL AND raw_deflated IS NULL ORDER BY pk LIMIT ${BATCH}`,
        );
        for (const c of customers)
          write(
            db,
            sql`UPDATE customers SET raw = NULL, raw_deflated = ${packRawJson(c.raw, 'customer')} WHERE pk = ${c.pk}`,
          );
        orderPk = orders.at(-1)?.pk ?? orderPk;
        customerPk = customers.at(-1)?.pk ?? customerPk;
        return orders.length + customers.length;
      })
      .immediate();
    packed += n;
    if (n === 0) break;
  }
  write(db, sql`UPDATE derived_versions SET version = ${RAW_PACK_VERSION} WHERE name = 'raw'`);
  return packed;
}
