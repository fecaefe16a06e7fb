import type { Customer } from '../../../shared/domain/customer';
import type { OrderCustomerRef } from '../../../shared/domain/order';
import type { WritableDB } from './connection';
import { writeCustomerSearchRow } from './search';
import { sortKey } from './sort-key';
import { sql } from './sql';
import { write, writeReturning } from './statements';

/**
 * Customer rows come from two places: the customers endpoint (`source = 'api'`,
 * authoritative) and the customer embedded in each order (`source = 'order'`, a
 * stub so every order's customer can be listed and searched even when the
 * customer list was never synced). A stub never overwrites an API row.
 */
export function upsertCustomerFromApi(db: WritableDB, customer: Customer, raw: Uint8Array, now: string): void {
  const c = customer;
  const row = writeReturning(
    db,
    sql<{
      pk: number;
    }>`INSERT INTO customers (store_id, id, source, name, sort_name, first_name, last_name, email, tax_id, tax_id_kind,
       company_name, phone, birthday, active, created_utc, created_zone, parse_problems, raw_deflated, synced_at)
     VALUES (${c.storeId}, ${c.id}, 'api', ${c.name}, ${sortKey(c.name)}, ${c.firstName}, ${c.lastName}, ${c.email},
       ${c.taxId}, ${c.taxIdKind}, ${c.companyName}, ${c.phone}, ${c.birthday}, ${c.active === null ? null : c.active ? 1 : 0},
       ${c.createdAt?.utc ?? null}, ${c.createdAt?.zone ?? null}, ${JSON.stringify(c.parseProblems)}, ${raw}, ${now})
     ON CONFLICT (store_id, id) DO UPDATE SET source = 'api', name = excluded.name, sort_name = excluded.sort_name,
       first_name = excluded.first_name, last_name = excluded.last_name, email = excluded.email, tax_id = excluded.tax_id,
       tax_id_kind = excluded.tax_id_kind, company_name = excluded.company_name, phone = excluded.phone,
       birthday = excluded.birthday, active = excluded.active, created_utc = excluded.created_utc,
       created_zone = excluded.created_zone, parse_problems = excluded.parse_problems, raw = NULL,
       raw_deflated = excluded.raw_deflated,
       synced_at = excluded.synced_at
     RETURNING pk`,
  );
  if (row !== undefined) writeCustomerSearchRow(db, row.pk, customer);
}

/** Writes nothing (and leaves the FTS row alone) when the stub already says the same. */
export function upsertCustomerStub(
  db: WritableDB,
  storeId: string,
  ref: OrderCustomerRef & { id: number },
  now: string,
): void {
  const taxIdKind = ref.taxId?.length === 11 ? 'cpf' : ref.taxId?.length === 14 ? 'cnpj' : null;
  const row = writeReturning(
    db,
    sql<{
      pk: number;
    }>`INSERT INTO customers (store_id, id, source, name, sort_name, email, tax_id, tax_id_kind, phone, synced_at)
     VALUES (${storeId}, ${ref.id}, 'order', ${ref.name}, ${sortKey(ref.name)}, ${ref.email}, ${ref.taxId}, ${taxIdKind},
       ${ref.phone}, ${now})
     ON CONFLICT (store_id, id) DO UPDATE SET name = excluded.name, sort_name = excluded.sort_name,
       email = excluded.email, tax_id = excluded.tax_id, tax_id_kind = excluded.tax_id_kind, phone = excluded.phone,
       synced_at = excluded.synced_at
     WHERE customers.source = 'order' AND (customers.name IS NOT excluded.name OR customers.email IS NOT excluded.email
       OR customers.tax_id IS NOT excluded.tax_id OR customers.phone IS NOT excluded.phone)
     RETURNING pk`,
  );
  if (row !== undefined) writeCustomerSearchRow(db, row.pk, { ...ref, companyName: null });
}

/** Order count and last order, denormalised so the customer list sorts on them through an index. */
export function refreshCustomerStats(db: WritableDB, storeId: string, customerId: number): void {
  write(
    db,
    sql`UPDATE customers SET
       order_count = (SELECT count(*) FROM orders WHERE store_id = ${storeId} AND customer_id = ${customerId}),
       (last_order_utc, last_order_zone) = (
         SELECT created_utc, created_zone FROM orders
         WHERE store_id = ${storeId} AND customer_id = ${customerId} AND created_utc IS NOT NULL
         ORDER BY created_utc DESC LIMIT 1)
     WHERE store_id = ${storeId} AND id = ${customerId}`,
  );
}
