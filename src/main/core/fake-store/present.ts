import type { CustomerFacts } from './generate-customer';
import type { OrderRecord } from './generate-order';

/** Keys that only appear when asked for with `include=`; everything else is always sent. */
export const ORDER_RELATIONS = [
  'items',
  'address',
  'transactions',
  'whatsapp',
  'pickup_address',
  'metadata',
  'status',
  'pix',
  'promocode',
  'statuses',
  'payments',
  'services',
  'comments',
  'customer',
] as const;

/** include names that differ from the key they fill. */
const INCLUDE_ALIASES: Record<string, string> = { shipping_address: 'address', histories: 'statuses' };

export const ALL_ORDER_INCLUDES = [...ORDER_RELATIONS, 'shipping_address'].join(',');

const RELATION_SET: ReadonlySet<string> = new Set(ORDER_RELATIONS);

export function presentOrder(order: OrderRecord, includes: ReadonlySet<string>): Record<string, unknown> {
  const wanted = new Set([...includes].map((i) => INCLUDE_ALIASES[i] ?? i));
  const out: Record<string, unknown> = {};
  for (const key in order) {
    if (!RELATION_SET.has(key) || wanted.has(key)) out[key] = order[key];
  }
  return out;
}

export function presentCustomer(facts: CustomerFacts, includes: ReadonlySet<string>): Record<string, unknown> {
  return includes.has('addresses') ? { ...facts.record, addresses: { data: facts.addresses } } : facts.record;
}
