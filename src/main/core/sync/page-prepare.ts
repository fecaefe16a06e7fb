import { performance } from 'node:perf_hooks';
import type { Customer } from '../../../shared/domain/customer';
import type { Order } from '../../../shared/domain/order';
import { packApiRecord } from '../db/raw-json';
import type { UnreadableInput } from '../db/unreadable-repo';
import { normalizeCustomer, normalizeOrder, type NormalizeContext } from '../normalize';

/**
 * A page made ready for the writer's SQL: its records normalised and their raw JSON packed. This is half a page's
 * cost (the other half is SQL), and it needs no database, so the writer thread has it done on a thread of its own
 * (page-preparer.ts) while it writes the page before.
 */
export interface PreparedPage<T> {
  records: T[];
  /** `packed[i]`: the API record `records[i]` was read from, as the cache keeps it (raw-json.ts). */
  packed: Uint8Array[];
  unreadable: UnreadableInput[];
  /** Zones the records' timestamps named, for keeping the store's zone right. */
  zones: string[];
  prepareMs: number;
}

export type PreparedOrders = PreparedPage<Order>;
export type PreparedCustomers = PreparedPage<Customer>;

/** Records the normaliser cannot read are kept for unreadable_records: counted, never dropped. */
export function prepareOrders(ctx: NormalizeContext, records: readonly unknown[]): PreparedOrders {
  const started = performance.now();
  const page: PreparedOrders = { records: [], packed: [], unreadable: [], zones: [], prepareMs: 0 };
  for (const raw of records) {
    const { order, problems } = normalizeOrder(raw, ctx);
    if (order === null) page.unreadable.push({ raw, problems });
    else {
      page.records.push(order);
      page.packed.push(packApiRecord(raw, 'order'));
      if (order.createdAt) page.zones.push(order.createdAt.zone);
    }
  }
  page.prepareMs = performance.now() - started;
  return page;
}

export function prepareCustomers(ctx: NormalizeContext, records: readonly unknown[]): PreparedCustomers {
  const started = performance.now();
  const page: PreparedCustomers = { records: [], packed: [], unreadable: [], zones: [], prepareMs: 0 };
  for (const raw of records) {
    const { customer, problems } = normalizeCustomer(raw, ctx);
    if (customer === null) page.unreadable.push({ raw, problems });
    else {
      page.records.push(customer);
      page.packed.push(packApiRecord(raw, 'customer'));
    }
  }
  page.prepareMs = performance.now() - started;
  return page;
}
