import { customerIdentity } from './generate-customer';
import { customerIndexOf } from './order-skeleton';
import { arrayList, rangeList, type IndexList } from './index-list';
import type { StoreModel } from './store-model';
import { foldText } from './text-search';
import { dayRange } from './time-format';
import { ValidationError } from './validation';

export type OrderSortField = 'created_at' | 'id' | 'updated_at';

export interface OrderFilters {
  range: { start: number; end: number } | null;
  statusIds: Set<number> | null;
  q: string | null;
  customerId: number | null;
  orderBy: OrderSortField;
  descending: boolean;
}

/** `date=created_at:A|B`; only created_at is filterable (no updated-since filter exists on the platform). */
function parseDate(raw: string | null): OrderFilters['range'] {
  if (raw === null || raw === '') return null;
  const m = /^created_at:(\d{4}-\d{2}-\d{2})(?:\|(\d{4}-\d{2}-\d{2}))?$/.exec(raw);
  const range = m ? dayRange(m[1], m[2] ?? m[1]) : null;
  if (!range) throw new ValidationError('date', 'The date must look like created_at:YYYY-MM-DD|YYYY-MM-DD.');
  return range;
}

export function parseOrderFilters(params: URLSearchParams): OrderFilters {
  const statusIds = new Set<number>();
  let sawStatusArray = false;
  for (const [key, value] of params) {
    // Only the array form filters; a bare `status_id=4` is ignored, as the platform does.
    if (/^status_id\[\d*\]$/.test(key)) {
      sawStatusArray = true;
      if (/^\d+$/.test(value)) statusIds.add(Number(value));
    }
  }
  const orderBy = params.get('orderBy') ?? 'created_at';
  if (orderBy !== 'created_at' && orderBy !== 'id' && orderBy !== 'updated_at') {
    throw new ValidationError('orderBy', 'The orderBy must be one of created_at, id, updated_at.');
  }
  const sortedBy = (params.get('sortedBy') ?? 'desc').toLowerCase();
  if (sortedBy !== 'asc' && sortedBy !== 'desc')
    throw new ValidationError('sortedBy', 'The sortedBy must be asc or desc.');
  const customerRaw = params.get('customer_id');
  if (customerRaw !== null && customerRaw !== '' && !/^\d+$/.test(customerRaw)) {
    throw new ValidationError('customer_id', 'The customer_id must be an integer.');
  }
  const q = params.get('q');
  return {
    range: parseDate(params.get('date')),
    statusIds: sawStatusArray ? statusIds : null,
    q: q && q.trim() ? q.trim() : null,
    customerId: customerRaw ? Number(customerRaw) : null,
    orderBy,
    descending: sortedBy === 'desc',
  };
}

function customersMatching(model: StoreModel, q: string): Set<number> {
  const folded = foldText(q);
  const matches = new Set<number>();
  for (let c = 0; c < model.shape.customers; c++) {
    const who = customerIdentity(model.shape, c);
    if (foldText(who.name).includes(folded) || who.email.includes(folded)) matches.add(c);
  }
  return matches;
}

/** Orders matching the filters, in response order. Unfiltered created_at/id sorts are index ranges. */
export function queryOrders(model: StoreModel, f: OrderFilters): IndexList {
  const from = f.range ? model.lowerBound(f.range.start) : 0;
  const to = f.range ? model.lowerBound(f.range.end + 1) : model.orderCount;
  const scan = f.statusIds !== null || f.q !== null || f.customerId !== null;
  if (!scan && f.orderBy !== 'updated_at') return rangeList(from, to, f.descending);

  const aliases = f.statusIds
    ? new Set(model.statuses.filter((s) => f.statusIds!.has(s.id)).map((s) => s.alias))
    : null;
  const customerIndex = f.customerId !== null ? model.customerIndexOfId(f.customerId) : null;
  const byCustomer = f.q !== null ? customersMatching(model, f.q) : null;
  const qNumber = f.q !== null && /^#?\d+$/.test(f.q) ? Number(f.q.replace('#', '')) : null;
  // One typed buffer instead of a growing array: a million indices cost 4 MB, not a doubling heap.
  const buffer = new Int32Array(Math.max(0, to - from));
  let size = 0;
  for (let i = from; i < to; i++) {
    if (f.customerId !== null || byCustomer) {
      const owner = customerIndexOf(model.shape, i);
      if (f.customerId !== null && owner !== customerIndex) continue;
      if (byCustomer && !byCustomer.has(owner) && model.shape.orderNumberBase + i !== qNumber) continue;
    }
    if (aliases && !aliases.has(model.currentStatus(i))) continue;
    buffer[size++] = i;
  }
  const kept = buffer.subarray(0, size);
  if (f.orderBy === 'updated_at') {
    const updated = new Float64Array(model.orderCount);
    for (const index of kept) updated[index] = model.updatedAt(index);
    // Indices ascend, so ties on updated_at stay in id order.
    kept.sort((a, b) => updated[a] - updated[b] || a - b);
  }
  if (f.descending) kept.reverse();
  return arrayList(kept);
}
