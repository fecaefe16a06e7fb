import type { Customer } from '../../../../shared/domain/customer';
import type { WritableDB } from '../connection';
import { sql, sqlConstant } from '../sql';
import { readAll, write } from '../statements';
import { customerSearchTerms } from './terms';

type SearchableCustomer = Pick<Customer, 'name' | 'email' | 'taxId' | 'phone' | 'companyName'>;

const insert = (db: WritableDB, pk: number, customer: SearchableCustomer) =>
  write(db, sql`INSERT INTO customers_fts (rowid, terms) VALUES (${pk}, ${customerSearchTerms(customer)})`);

/** The search row of a customer row just written (customers_fts is keyed by the customers row's pk). */
export function writeCustomerSearchRow(db: WritableDB, pk: number, customer: SearchableCustomer): void {
  write(db, sql`DELETE FROM customers_fts WHERE rowid = ${pk}`);
  insert(db, pk, customer);
}

interface CustomerTermsRow {
  pk: number;
  name: string | null;
  companyName: string | null;
  email: string | null;
  taxId: string | null;
  phone: string | null;
}

/** Every customer's search row again, from the cached columns; in pk batches (see keys.ts). */
export function rebuildCustomerSearchIndex(db: WritableDB, batch: number): void {
  write(db, sql`INSERT INTO customers_fts (customers_fts) VALUES ('delete-all')`);
  for (let after = 0; ;) {
    const rows = readAll(
      db,
      sql<CustomerTermsRow>`SELECT pk, name, company_name AS companyName, email, tax_id AS taxId, phone FROM customers
        WHERE pk > ${after} ORDER BY pk LIMIT ${sqlConstant(batch)}`,
    );
    for (const row of rows) insert(db, row.pk, row);
    if (rows.length < batch) return;
    after = rows[rows.length - 1].pk;
  }
}
