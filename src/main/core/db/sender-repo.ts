import type { SenderData } from '../../../shared/domain/export';
import type { ReadableDB, WritableDB } from './connection';
import { sql } from './sql';
import { readOne, write } from './statements';

/** The sender the merchant saved for a store, or null before they save one. */
export function getSender(db: ReadableDB, storeId: string): SenderData | null {
  const row = readOne(
    db,
    sql<Omit<SenderData, 'taxId'> & { tax_id: string | null }>`SELECT name, tax_id, street, number, complement,
      neighborhood, city, uf, zipcode FROM store_sender WHERE store_id = ${storeId}`,
  );
  if (row === undefined) return null;
  const { tax_id: taxId, ...rest } = row;
  return { ...rest, taxId };
}

export function setSender(db: WritableDB, storeId: string, sender: SenderData): SenderData {
  const s = sender;
  write(
    db,
    sql`INSERT INTO store_sender (store_id, name, tax_id, street, number, complement, neighborhood, city, uf, zipcode,
       updated_at)
     VALUES (${storeId}, ${s.name}, ${s.taxId}, ${s.street}, ${s.number}, ${s.complement}, ${s.neighborhood}, ${s.city},
       ${s.uf}, ${s.zipcode}, ${new Date().toISOString()})
     ON CONFLICT (store_id) DO UPDATE SET name = excluded.name, tax_id = excluded.tax_id, street = excluded.street,
       number = excluded.number, complement = excluded.complement, neighborhood = excluded.neighborhood,
       city = excluded.city, uf = excluded.uf, zipcode = excluded.zipcode, updated_at = excluded.updated_at`,
  );
  return sender;
}
