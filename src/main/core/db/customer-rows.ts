import type { Customer } from '../../../shared/domain/customer';
import type { OrderCustomerRef } from '../../../shared/domain/order';
import type { Db } from './open';
import { stmt } from './statements';
import { customerSearchTerms, sortKey } from './search-terms';

/**
 * Customer rows come from two places: the customers endpoint (`source = 'api'`,
 * authoritative) and the customer embedded in each order (`source = 'order'`, a
 * stub so every order's customer can be listed and searched even when the
 * customer list was never synced). A stub never overwrites an API row.
 */
export function upsertCustomerFromApi(db: Db, customer: Customer, raw: string, now: string): void {
  const row = stmt(
    db,
    `INSERT INTO customers (store_id, id, source, name, sort_name, first_name, last_name, email, tax_id, tax_id_kind,
       company_name, phone, birthday, active, created_utc, created_zone, parse_problems, raw, synced_at)
     VALUES (@storeId, @id, 'api', @name, @sortName, @firstName, @lastName, @email, @taxId, @taxIdKind,
       @companyName, @phone, @birthday, @active, @createdUtc, @createdZone, @parseProblems, @raw, @now)
     ON CONFLICT (store_id, id) DO UPDATE SET source = 'api', name = excluded.name, sort_name = excluded.sort_name,
       first_name = excluded.first_name, last_name = excluded.last_name, email = excluded.email, tax_id = excluded.tax_id,
       tax_id_kind = excluded.tax_id_kind, company_name = excluded.company_name, phone = excluded.phone,
       birthday = excluded.birthday, active = excluded.active, created_utc = excluded.created_utc,
       created_zone = excluded.created_zone, parse_problems = excluded.parse_problems, raw = excluded.raw,
       synced_at = excluded.synced_at
     RETURNING pk`,
  ).get({
    storeId: customer.storeId,
    id: customer.id,
    name: customer.name,
    sortName: sortKey(customer.name),
    firstName: customer.firstName,
    lastName: customer.lastName,
    email: customer.email,
    taxId: customer.taxId,
    taxIdKind: customer.taxIdKind,
    companyName: customer.companyName,
    phone: customer.phone,
    birthday: customer.birthday,
    active: customer.active === null ? null : customer.active ? 1 : 0,
    createdUtc: customer.createdAt?.utc ?? null,
    createdZone: customer.createdAt?.zone ?? null,
    parseProblems: JSON.stringify(customer.parseProblems),
    raw,
    now,
  }) as { pk: number };
  writeCustomerFts(db, row.pk, customerSearchTerms(customer));
}

/** Writes nothing (and leaves the FTS row alone) when the stub already says the same. */
export function upsertCustomerStub(db: Db, storeId: string, ref: OrderCustomerRef & { id: number }, now: string): void {
  const row = stmt(
    db,
    `INSERT INTO customers (store_id, id, source, name, sort_name, email, tax_id, tax_id_kind, phone, synced_at)
     VALUES (@storeId, @id, 'order', @name, @sortName, @email, @taxId, @taxIdKind, @phone, @now)
     ON CONFLICT (store_id, id) DO UPDATE SET name = excluded.name, sort_name = excluded.sort_name,
       email = excluded.email, tax_id = excluded.tax_id, tax_id_kind = excluded.tax_id_kind, phone = excluded.phone,
       synced_at = excluded.synced_at
     WHERE customers.source = 'order' AND (customers.name IS NOT excluded.name OR customers.email IS NOT excluded.email
       OR customers.tax_id IS NOT excluded.tax_id OR customers.phone IS NOT excluded.phone)
     RETURNING pk`,
  ).get({
    storeId,
    id: ref.id,
    name: ref.name,
    sortName: sortKey(ref.name),
    email: ref.email,
    taxId: ref.taxId,
    taxIdKind: ref.taxId?.length === 11 ? 'cpf' : ref.taxId?.length === 14 ? 'cnpj' : null,
    phone: ref.phone,
    now,
  }) as { pk: number } | undefined;
  if (row !== undefined) writeCustomerFts(db, row.pk, customerSearchTerms({ ...ref, companyName: null }));
}

function writeCustomerFts(db: Db, pk: number, terms: string): void {
  stmt(db, 'DELETE FROM customers_fts WHERE rowid = ?').run(pk);
  stmt(db, 'INSERT INTO customers_fts (rowid, terms) VALUES (?, ?)').run(pk, terms);
}

/** Order count and last order, denormalised so the customer list sorts on them through an index. */
export function refreshCustomerStats(db: Db, storeId: string, customerId: number): void {
  stmt(
    db,
    `UPDATE customers SET
       order_count = (SELECT count(*) FROM orders WHERE store_id = @storeId AND customer_id = @customerId),
       (last_order_utc, last_order_zone) = (
         SELECT created_utc, created_zone FROM orders
         WHERE store_id = @storeId AND customer_id = @customerId AND created_utc IS NOT NULL
         ORDER BY created_utc DESC LIMIT 1)
     WHERE store_id = @storeId AND id = @customerId`,
  ).run({ storeId, customerId });
}
