import type { Database } from 'better-sqlite3';
import { presentCustomer, presentOrder, type StoreModel } from '../../src/main/core/fake-store';
import { storedRawJson } from '../../src/main/core/db/raw-json';
import { redactSecrets } from '../helpers/redact-secrets';
import { ORDER_INCLUDES } from '../../src/main/core/sync';

const INCLUDES = new Set<string>(ORDER_INCLUDES);

/**
 * What the cache must hold for the store's truth: every order once, byte-equal raw JSON (the detail's status history
 * and transactions are read from it), the items and address the queries read.
 */
export function cacheDifferences(db: Database, storeId: string, model: StoreModel): string[] {
  const problems: string[] = [];
  const orderRows = (
    db.prepare('SELECT pk, id, raw, raw_deflated, status_alias FROM orders WHERE store_id = ?').all(storeId) as {
      pk: number;
      id: number;
      raw: string;
      raw_deflated: Uint8Array | null;
      status_alias: string;
    }[]
  ).map((row) => ({ ...row, raw: storedRawJson(row) }));
  const byId = new Map(orderRows.map((r) => [r.id, r]));
  if (orderRows.length !== model.orderCount)
    problems.push(`orders: ${orderRows.length} cached, ${model.orderCount} on the server`);
  const count = (table: string, pk: number): number =>
    (db.prepare(`SELECT count(*) AS n FROM ${table} WHERE order_pk = ?`).get(pk) as { n: number }).n;
  for (let index = 0; index < model.orderCount; index += 1) {
    const expected = presentOrder(model.order(index), INCLUDES);
    const id = expected['id'] as number;
    const row = byId.get(id);
    if (!row) {
      problems.push(`order ${id}: missing`);
      continue;
    }
    if (row.raw !== JSON.stringify(redactSecrets(expected)))
      problems.push(
        `order ${id}: raw differs (cached status ${row.status_alias}, server ${model.currentStatus(index)})`,
      );
    const items = (expected['items'] as unknown[]).length;
    if (count('order_items', row.pk) !== items)
      problems.push(`order ${id}: items ${count('order_items', row.pk)} vs ${items}`);
    if (count('order_addresses', row.pk) !== 1) problems.push(`order ${id}: address missing`);
    if (problems.length > 20) break;
  }
  const customers = (
    db.prepare("SELECT id, raw, raw_deflated FROM customers WHERE store_id = ? AND source = 'api'").all(storeId) as {
      id: number;
      raw: string | null;
      raw_deflated: Uint8Array | null;
    }[]
  ).map((row) => ({ ...row, raw: storedRawJson(row) }));
  if (customers.length !== model.shape.customers)
    problems.push(`customers: ${customers.length} cached, ${model.shape.customers} on the server`);
  for (const c of customers.slice(0, 50)) {
    const index = model.customerIndexOfId(c.id);
    if (index === null) problems.push(`customer ${c.id}: not on the server`);
    else if (c.raw !== JSON.stringify(redactSecrets(presentCustomer(model.customer(index), new Set()))))
      problems.push(`customer ${c.id}: raw differs`);
  }
  return problems;
}
