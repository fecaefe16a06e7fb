import type { Address, Order, OrderSummary } from '../../../../shared/domain/order';
import type { ZonedTime } from '../../../../shared/domain/time';
import { sqlFragment } from '../sql';
import { problemList } from './json';

/**
 * The orders table and its relations as SQLite returns them, and their mapping to the domain types: the one place
 * these columns meet TypeScript. Queries name the row type they yield (sql<SummaryRow>`…`).
 */

export const zoned = (utc: string | null, zone: string | null): ZonedTime | null =>
  utc === null ? null : { utc, zone: zone ?? 'UTC' };
export const flag = (value: number | null): boolean | null => (value === null ? null : value === 1);

export interface SummaryRow {
  id: number;
  number: number | null;
  status_alias: string | null;
  status_name: string | null;
  status_id: number | null;
  customer_id: number | null;
  customer_name: string | null;
  customer_email: string | null;
  created_utc: string | null;
  created_zone: string | null;
  total_cents: number | null;
  payment_alias: string | null;
  installments: number | null;
  delivered: number | null;
  tracking_code: string | null;
  parse_problem_count: number;
  reviewed: number;
  flagged: number;
  /** Only in list queries (SUMMARY_COLUMNS). */
  has_note?: number;
}

export const SUMMARY_COLUMNS = sqlFragment`o.id, o.number, o.status_alias, o.status_name, o.status_id, o.customer_id, o.customer_name,
  o.customer_email, o.created_utc, o.created_zone, o.total_cents, o.payment_alias, o.installments, o.delivered,
  o.tracking_code, o.parse_problem_count, o.reviewed, o.flagged,
  EXISTS (SELECT 1 FROM review_state r WHERE r.store_id = o.store_id AND r.order_id = o.id AND r.note <> '') AS has_note`;

const status = (row: Pick<SummaryRow, 'status_alias' | 'status_name' | 'status_id'>) =>
  row.status_alias === null
    ? null
    : { alias: row.status_alias, name: row.status_name ?? row.status_alias, id: row.status_id };

export function toSummary(row: SummaryRow): OrderSummary {
  return {
    id: row.id,
    number: row.number,
    status: status(row),
    customerId: row.customer_id,
    customerName: row.customer_name,
    customerEmail: row.customer_email,
    createdAt: zoned(row.created_utc, row.created_zone),
    totalCents: row.total_cents,
    paymentAlias: row.payment_alias,
    installments: row.installments,
    delivered: flag(row.delivered),
    trackingCode: row.tracking_code,
    reviewed: row.reviewed === 1,
    flagged: row.flagged === 1,
    hasNote: row.has_note === 1,
    parseProblemCount: row.parse_problem_count,
  };
}

/** Every column of an order but its raw record. */
export interface OrderColumnsRow extends SummaryRow {
  pk: number;
  store_id: string;
  customer_tax_id: string | null;
  customer_phone: string | null;
  updated_utc: string | null;
  updated_zone: string | null;
  products_cents: number | null;
  shipment_cents: number | null;
  discount_cents: number | null;
  tax_cents: number | null;
  payment_name: string | null;
  track_url: string | null;
  promocode_id: number | null;
  promocode_code: string | null;
  parse_problems: string;
}

export interface OrderRow extends OrderColumnsRow {
  /** '' where raw_deflated holds it (raw-json.ts). */
  raw: string;
  raw_deflated: Uint8Array | null;
}

export interface ItemRow {
  id: number | null;
  sku: string | null;
  name: string | null;
  product_id: number | null;
  sku_id: number | null;
  quantity: number;
  unit_price_cents: number | null;
  gift: number;
  bundle_id: number | null;
  bundle_name: string | null;
}

/** order_addresses: the domain's Address fields, one column each (snake_case where they have two words). */
export type AddressRow = Omit<Address, 'fullAddress'> & { full_address: string | null };

export interface OrderRelations {
  items: ItemRow[];
  address: AddressRow | undefined;
}

/** Column by column: a `SELECT *` row also carries the order's key and the address kind. */
export function toAddress(a: AddressRow): Address {
  return {
    receiver: a.receiver,
    street: a.street,
    number: a.number,
    complement: a.complement,
    neighborhood: a.neighborhood,
    city: a.city,
    uf: a.uf,
    zipcode: a.zipcode,
    country: a.country,
    fullAddress: a.full_address,
  };
}

/**
 * The order as its columns and relation tables hold it. The status history and the transactions are only in the
 * raw record (migration 8): empty here, and read from it by the detail (order-detail.ts).
 */
export function toOrder(row: OrderColumnsRow, { items, address }: OrderRelations): Order {
  return {
    id: row.id,
    storeId: row.store_id,
    number: row.number,
    status: status(row),
    customer:
      row.customer_id === null && row.customer_name === null && row.customer_email === null
        ? null
        : {
            id: row.customer_id,
            name: row.customer_name,
            email: row.customer_email,
            taxId: row.customer_tax_id,
            phone: row.customer_phone,
          },
    createdAt: zoned(row.created_utc, row.created_zone),
    updatedAt: zoned(row.updated_utc, row.updated_zone),
    totalCents: row.total_cents,
    productsCents: row.products_cents,
    shipmentCents: row.shipment_cents,
    discountCents: row.discount_cents,
    taxCents: row.tax_cents,
    payment: row.payment_alias === null ? null : { alias: row.payment_alias, name: row.payment_name },
    installments: row.installments,
    delivered: flag(row.delivered),
    trackingCode: row.tracking_code,
    trackUrl: row.track_url,
    items: items.map((i) => ({
      id: i.id,
      sku: i.sku,
      name: i.name,
      productId: i.product_id,
      skuId: i.sku_id,
      quantity: i.quantity,
      unitPriceCents: i.unit_price_cents,
      gift: i.gift === 1,
      bundle: i.bundle_id === null && i.bundle_name === null ? null : { id: i.bundle_id, name: i.bundle_name },
    })),
    shippingAddress: address === undefined ? null : toAddress(address),
    transactions: [],
    statusHistory: [],
    promocode:
      row.promocode_id === null && row.promocode_code === null
        ? null
        : { id: row.promocode_id, code: row.promocode_code },
    parseProblems: problemList(row.parse_problems),
  };
}
