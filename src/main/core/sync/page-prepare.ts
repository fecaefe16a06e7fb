import { createHash } from 'node:crypto';
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
  /**
   * Orders only: `digests[i]` digests `packed[i]` and `records[i]` as normalised, so an order read again unchanged
   * is not written again (db/orders-write.ts). Any change to the record, the normaliser or the store's zone changes it.
   */
  digests: Uint8Array[];
  prepareMs: number;
}

export type PreparedOrders = PreparedPage<Order>;
export type PreparedCustomers = PreparedPage<Customer>;

/** Records the normaliser cannot read are kept for unreadable_records: counted, never dropped. */
function prepare<T>(
  records: readonly unknown[],
  kind: 'order' | 'customer',
  read: (raw: unknown) => { record: T | null; problems: UnreadableInput['problems']; zone?: string },
): PreparedPage<T> {
  const started = performance.now();
  const page: PreparedPage<T> = { records: [], packed: [], unreadable: [], zones: [], digests: [], prepareMs: 0 };
  for (const raw of records) {
    const { record, problems, zone } = read(raw);
    if (record === null) page.unreadable.push({ raw, problems });
    else {
      const packed = packApiRecord(raw, kind);
      page.records.push(record);
      page.packed.push(packed);
      if (zone !== undefined) page.zones.push(zone);
      if (kind === 'order') page.digests.push(writeDigest(packed, record));
    }
  }
  page.prepareMs = performance.now() - started;
  return page;
}

function writeDigest(packed: Uint8Array, record: unknown): Uint8Array {
  return createHash('sha256').update(packed).update(JSON.stringify(record)).digest();
}

export function prepareOrders(ctx: NormalizeContext, records: readonly unknown[]): PreparedOrders {
  return prepare(records, 'order', (raw) => {
    const { order, problems } = normalizeOrder(raw, ctx);
    return { record: order, problems, zone: order?.createdAt?.zone };
  });
}

export function prepareCustomers(ctx: NormalizeContext, records: readonly unknown[]): PreparedCustomers {
  return prepare(records, 'customer', (raw) => {
    const { customer, problems } = normalizeCustomer(raw, ctx);
    return { record: customer, problems };
  });
}
