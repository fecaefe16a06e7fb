import { hash3, saltOf } from './prng';

// Quirks seen in real responses (README: "numbers sent as strings", one record
// or a list, relations that come and go). Each is chosen per record by hash of
// (seed, quirk, id), so a quirky response is the same on every request.

const Q = {
  strings: saltOf('quirk-strings'),
  nulls: saltOf('quirk-nulls'),
  missing: saltOf('quirk-missing'),
  extra: saltOf('quirk-extra'),
  singleTx: saltOf('quirk-single-transaction'),
  envelope: saltOf('quirk-envelope'),
};

function roll(seed: number, salt: number, id: number): number {
  return hash3(seed, salt, id) / 4294967296;
}

const ORDER_NUMBER_FIELDS = [
  'id',
  'customer_id',
  'number',
  'value_total',
  'value_products',
  'value_discount',
  'value_shipment',
  'value_tax',
  'days_delivery',
];
const ITEM_NUMBER_FIELDS = ['quantity', 'price', 'price_cost'];
const TX_NUMBER_FIELDS = ['amount', 'installments', 'installment_value'];

function stringify(record: Record<string, unknown>, fields: readonly string[]): void {
  for (const f of fields)
    if (typeof record[f] === 'number') record[f] = (record[f] as number).toFixed(Number.isInteger(record[f]) ? 0 : 2);
}

/** Applies quirks to an already projected order (a fresh object the caller owns). */
export function quirkOrder(order: Record<string, unknown>, seed: number): Record<string, unknown> {
  const id = Number(order.id);
  const out = structuredClone(order);
  if (roll(seed, Q.strings, id) < 0.3) {
    stringify(out, ORDER_NUMBER_FIELDS);
    if (Array.isArray(out.items))
      for (const it of out.items as Record<string, unknown>[]) stringify(it, ITEM_NUMBER_FIELDS);
    const tx = (out.transactions as { data?: Record<string, unknown>[] } | undefined)?.data;
    if (Array.isArray(tx)) for (const t of tx) stringify(t, TX_NUMBER_FIELDS);
  }
  if (roll(seed, Q.nulls, id) < 0.2) {
    out.shipment_service = null;
    out.days_delivery = null;
    out.ip = null;
    if (Array.isArray(out.address)) for (const a of out.address as Record<string, unknown>[]) a.complement = null;
  }
  const missing = roll(seed, Q.missing, id);
  if (missing < 0.05) delete out.customer;
  else if (missing < 0.08) delete out.transactions;
  else if (missing < 0.1) out.status = { data: null };
  if (roll(seed, Q.singleTx, id) < 0.3) {
    const tx = out.transactions as { data?: unknown } | undefined;
    if (tx && Array.isArray(tx.data) && tx.data.length === 1) tx.data = tx.data[0] as unknown;
  }
  if (roll(seed, Q.extra, id) < 0.25) {
    out.erp_sync_status = 'pending';
    out.marketplace = { data: null };
    out.is_upsell = false;
  }
  return out;
}

export function quirkCustomer(customer: Record<string, unknown>, seed: number): Record<string, unknown> {
  const id = Number(customer.id);
  const out = structuredClone(customer);
  if (roll(seed, Q.strings, id) < 0.3) stringify(out, ['id', 'merchant_id', 'cluster_id']);
  if (roll(seed, Q.nulls, id) < 0.2) {
    out.phone = null;
    out.birthday = null;
  }
  if (roll(seed, Q.extra, id) < 0.25) out.tags = [];
  return out;
}

/** The detail envelope: the documented single record inside an array, or, in quirks mode, sometimes a bare object. */
export function quirkEnvelopeIsArray(seed: number, id: number, defaultIsArray: boolean): boolean {
  return roll(seed, Q.envelope, id) < 0.5 ? !defaultIsArray : defaultIsArray;
}
