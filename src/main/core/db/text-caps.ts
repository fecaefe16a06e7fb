import { capText, TEXT_CAP } from '../normalize/read';
import type { WritableDB } from './connection';
import { sortKey } from './sort-key';
import { rebuildIfStale } from './derived-versions';

/**
 * The version of the cap on API text in columns (normalize/read.ts, TEXT_CAP): raise it when the cap changes, and
 * every cache cuts its existing rows once, on its next open. Rows written since the cap came in are already cut;
 * rows from before keep the whole text until this runs. The search index is left as it is (it gives way to the
 * cut text when the order is written again or the index is rebuilt); the raw JSON keeps everything.
 */
export const TEXT_CAP_VERSION = 1;

/** The columns the normaliser's text lands in, per table; links are not among them (URL_CAP). */
const CAPPED: Record<string, readonly string[]> = {
  orders: ['status_name', 'customer_email', 'payment_name', 'tracking_code', 'promocode_code'],
  customers: ['first_name', 'last_name', 'email', 'company_name'],
  order_items: ['sku', 'name', 'bundle_name'],
  order_addresses: [
    'receiver',
    'street',
    'number',
    'complement',
    'neighborhood',
    'city',
    'uf',
    'country',
    'full_address',
  ],
  order_status_totals: ['status_name'],
};

/** Names have a sort key derived from them: cut in code, the key computed again from the cut name. */
const NAMED: readonly { table: string; name: string; key: string }[] = [
  { table: 'orders', name: 'customer_name', key: 'customer_sort' },
  { table: 'customers', name: 'name', key: 'sort_name' },
] as const;

export function capStoredTextIfStale(db: WritableDB): boolean {
  return rebuildIfStale(db, { name: 'text-cap', version: TEXT_CAP_VERSION, needs: 'derived_versions' }, () => {
    // One pass over each table: at a million orders each scan reads the whole table.
    for (const [table, columns] of Object.entries(CAPPED)) {
      const named = NAMED.find((n) => n.table === table);
      const cut = columns.map(
        (c) => `${c} = CASE WHEN length(${c}) > ${TEXT_CAP} THEN substr(${c}, 1, ${TEXT_CAP - 1}) || '…' ELSE ${c} END`,
      );
      const long = [...columns, ...(named ? [named.name] : [])].map((c) => `length(${c}) > ${TEXT_CAP}`).join(' OR ');
      if (named === undefined) {
        db.prepare(`UPDATE ${table} SET ${cut.join(', ')} WHERE ${long}`).run();
        continue;
      }
      const rows = db.prepare(`SELECT pk, ${named.name} AS name FROM ${table} WHERE ${long}`).all() as {
        pk: number;
        name: string | null;
      }[];
      const update = db.prepare(
        `UPDATE ${table} SET ${cut.join(', ')}, ${named.name} = ?, ${named.key} = ? WHERE pk = ?`,
      );
      for (const row of rows) {
        const name = row.name === null ? null : capText(row.name);
        update.run(name, sortKey(name), row.pk);
      }
    }
  });
}
