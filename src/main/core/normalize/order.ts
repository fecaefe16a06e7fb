import type {
  Address,
  Order,
  OrderCustomerRef,
  OrderItem,
  OrderStatus,
  OrderStatusChange,
  OrderTransaction,
  PaymentMethod,
  Promocode,
} from '../../../shared/domain/order';
import { digitsOnly, field, isRecord, many, one, Reader, unwrap, URL_CAP, type JsonRecord } from './read';
import { customerName, phoneDigits } from './customer';
import { readOrderFacts, readTransactionFacts } from './order-facts';

export interface NormalizeContext {
  storeId: string;
  /** IANA zone used for wall times that name no zone. */
  storeZone: string;
}

/**
 * One order record (bare, `{ data: order }` or the detail endpoint's
 * `{ data: [order] }`) → an Order. Never throws: whatever cannot be read
 * becomes null plus a line in `problems`.
 */
export function normalizeOrder(raw: unknown, ctx: NormalizeContext): { order: Order | null; problems: string[] } {
  try {
    return readOrder(raw, ctx);
  } catch {
    // Reaching this is a bug in the readers; the record is kept raw by the caller rather than crash a sync.
    return { order: null, problems: ['record: internal error while reading'] };
  }
}

function readOrder(raw: unknown, ctx: NormalizeContext): { order: Order | null; problems: string[] } {
  const record = one(raw);
  const r = new Reader(ctx.storeZone);
  if (record === null) {
    r.problem('record', 'not an object');
    return { order: null, problems: r.problems };
  }
  const id = r.int(record, 'id');
  if (id === null || id === 0) {
    if (field(record, 'id') === undefined || field(record, 'id') === null) r.problem('id', 'missing');
    else if (id === 0) r.problem('id', 'zero is not an id');
    return { order: null, problems: r.problems };
  }
  const transactions = many(field(record, 'transactions')).map((t, i) =>
    readTransaction(t, r.nested(`transactions[${i}]`)),
  );
  const main = mainTransaction(transactions);
  const payment = main?.payment ?? listedPayment(record, r);
  const order: Order = {
    id,
    storeId: ctx.storeId,
    number: r.int(record, 'number'),
    status: readStatus(one(field(record, 'status')), r.nested('status')),
    customer: readCustomerRef(record, r),
    createdAt: r.time(record, 'created_at'),
    updatedAt: r.time(record, 'updated_at'),
    totalCents: r.cents(record, 'value_total'),
    productsCents: r.cents(record, 'value_products'),
    shipmentCents: r.cents(record, 'value_shipment'),
    discountCents: r.cents(record, 'value_discount'),
    taxCents: r.cents(record, 'value_tax'),
    payment,
    installments: main?.installments ?? null,
    delivered: r.bool(record, 'delivered'),
    trackingCode: r.text(record, 'track_code'),
    trackUrl: r.text(record, 'track_url', URL_CAP),
    items: many(field(record, 'items')).map((item, i) => readItem(item, r.nested(`items[${i}]`))),
    shippingAddress: readShippingAddress(record, r),
    transactions,
    statusHistory: many(field(record, 'statuses')).map((s, i) => readStatusChange(s, r.nested(`statuses[${i}]`))),
    promocode: readPromocode(one(field(record, 'promocode')), r.nested('promocode')),
    facts: readOrderFacts(record, r),
    parseProblems: r.problems,
  };
  if (order.status === null) r.problem('status', 'missing');
  if (order.createdAt === null && !r.problems.some((p) => p.startsWith('created_at')))
    r.problem('created_at', 'missing');
  return { order, problems: r.problems };
}

function readStatus(record: JsonRecord | null, r: Reader): OrderStatus | null {
  if (record === null) return null;
  const alias = r.text(record, 'alias');
  if (alias === null) return null;
  return { alias, name: r.text(record, 'name') ?? alias, id: r.int(record, 'id') };
}

function readCustomerRef(order: JsonRecord, r: Reader): OrderCustomerRef | null {
  const record = one(field(order, 'customer'));
  const idFromOrder = r.int(order, 'customer_id');
  if (record === null)
    return idFromOrder === null ? null : { id: idFromOrder, name: null, email: null, taxId: null, phone: null };
  const c = r.nested('customer');
  const taxText = c.text(record, 'cpf') ?? c.text(record, 'cnpj');
  return {
    id: c.int(record, 'id') ?? idFromOrder,
    name: customerName(record, c),
    email: c.text(record, 'email'),
    taxId: digitsOnly(taxText),
    phone: phoneDigits(record, c),
  };
}

function readPayment(value: unknown, r: Reader): PaymentMethod | null {
  const record = one(value);
  if (record === null) return null;
  const alias = r.text(record, 'alias');
  return alias === null ? null : { alias: alias.toLowerCase(), name: r.text(record, 'name') };
}

function readTransaction(record: JsonRecord, r: Reader): OrderTransaction {
  return {
    id: r.int(record, 'id'),
    payment: readPayment(field(record, 'payment'), r.nested('payment')),
    amountCents: r.cents(record, 'amount'),
    installments: r.int(record, 'installments'),
    status: r.text(record, 'status'),
    authorized: r.bool(record, 'authorized'),
    captured: r.bool(record, 'captured'),
    cancelled: r.bool(record, 'cancelled'),
    createdAt: r.time(record, 'created_at'),
    more: readTransactionFacts(record, r),
  };
}

/** The transaction that paid: the first not cancelled, else the first (a retried payment leaves a cancelled one behind). */
function mainTransaction(transactions: OrderTransaction[]): OrderTransaction | null {
  return (
    transactions.find((t) => t.cancelled !== true && t.payment !== null) ??
    transactions.find((t) => t.payment !== null) ??
    null
  );
}

function listedPayment(order: JsonRecord, r: Reader): PaymentMethod | null {
  for (const [i, entry] of many(field(order, 'payments')).entries()) {
    const payment = readPayment(entry, r.nested(`payments[${i}]`));
    if (payment !== null) return payment;
  }
  return null;
}

function readItem(record: JsonRecord, r: Reader): OrderItem {
  const bundleId = r.int(record, 'bundle_id');
  const bundleName = r.text(record, 'bundle_name');
  const skuRecord = one(field(record, 'sku'));
  const nested = skuRecord === null ? null : r.nested('sku');
  const sku = r.text(record, 'item_sku') ?? (skuRecord && nested ? nested.text(skuRecord, 'sku') : null);
  const name =
    r.text(record, 'name') ??
    r.text(record, 'product_name') ??
    (skuRecord && nested ? nested.text(skuRecord, 'title') : null);
  const quantity = r.int(record, 'quantity');
  const digital = r.bool(record, 'is_digital');
  if (quantity === null) r.problem('quantity', 'missing, taken as 1');
  return {
    id: r.int(record, 'id'),
    sku,
    name,
    productId: r.int(record, 'product_id'),
    skuId: r.int(record, 'sku_id'),
    quantity: quantity ?? 1,
    unitPriceCents: r.cents(record, 'price'),
    gift: r.bool(record, 'gift') ?? false,
    bundle: bundleId === null && bundleName === null ? null : { id: bundleId, name: bundleName },
    ...(digital === null ? {} : { digital }),
  };
}

/** The sample calls it `address` (a list); the include is named `shipping_address`. */
function readShippingAddress(order: JsonRecord, r: Reader): Address | null {
  for (const key of ['shipping_address', 'address']) {
    const record = one(field(order, key));
    if (record !== null) return readAddress(record, r.nested(key));
  }
  return null;
}

export function readAddress(record: JsonRecord, r: Reader): Address {
  return {
    receiver: r.text(record, 'receiver'),
    street: r.text(record, 'street'),
    number: r.text(record, 'number'),
    complement: r.text(record, 'complement'),
    neighborhood: r.text(record, 'neighborhood'),
    city: r.text(record, 'city'),
    uf: r.text(record, 'uf'),
    zipcode: digitsOnly(r.text(record, 'zipcode') ?? r.text(record, 'zip_code')),
    country: r.text(record, 'country'),
    fullAddress: r.text(record, 'full_address'),
  };
}

function readStatusChange(record: JsonRecord, r: Reader): OrderStatusChange {
  return { alias: r.text(record, 'alias'), name: r.text(record, 'name'), at: r.time(record, 'created_at') };
}

function readPromocode(record: JsonRecord | null, r: Reader): Promocode | null {
  if (record === null) return null;
  const code = r.text(record, 'code');
  const id = r.int(record, 'id');
  return code === null && id === null ? null : { id, code };
}

/** Exposed for the sync, which stores unreadable records with their id when one exists. */
export function rawRecordId(raw: unknown): number | null {
  const record = one(raw);
  if (!isRecord(record)) return null;
  const id = unwrap(field(record, 'id'));
  return typeof id === 'number' && Number.isSafeInteger(id) ? id : null;
}
