import type { SenderData } from '../../../shared/domain/export';
import type { Db } from './open';
import { stmt } from './statements';

interface SenderRow {
  name: string;
  tax_id: string | null;
  street: string | null;
  number: string | null;
  complement: string | null;
  neighborhood: string | null;
  city: string | null;
  uf: string | null;
  zipcode: string | null;
}

/** The sender the merchant saved for a store, or null before they save one. */
export function getSender(db: Db, storeId: string): SenderData | null {
  const row = stmt(
    db,
    `SELECT name, tax_id, street, number, complement, neighborhood, city, uf, zipcode
     FROM store_sender WHERE store_id = ?`,
  ).get(storeId) as SenderRow | undefined;
  if (row === undefined) return null;
  const { tax_id: taxId, ...rest } = row;
  return { ...rest, taxId };
}

export function setSender(db: Db, storeId: string, sender: SenderData): SenderData {
  stmt(
    db,
    `INSERT INTO store_sender (store_id, name, tax_id, street, number, complement, neighborhood, city, uf, zipcode,
       updated_at)
     VALUES (@storeId, @name, @taxId, @street, @number, @complement, @neighborhood, @city, @uf, @zipcode, @updatedAt)
     ON CONFLICT (store_id) DO UPDATE SET name = excluded.name, tax_id = excluded.tax_id, street = excluded.street,
       number = excluded.number, complement = excluded.complement, neighborhood = excluded.neighborhood,
       city = excluded.city, uf = excluded.uf, zipcode = excluded.zipcode, updated_at = excluded.updated_at`,
  ).run({ ...sender, storeId, updatedAt: new Date().toISOString() });
  return sender;
}
