import type { Cents, ZonedTime } from './time';

/** Status ids differ from store to store: the alias is what filters match on. */
export interface OrderStatus {
  alias: string;
  name: string;
  id: number | null;
}

/** The customer as embedded in an order, enough for lists and search. */
export interface OrderCustomerRef {
  id: number | null;
  name: string | null;
  email: string | null;
  /** CPF or CNPJ, digits only. */
  taxId: string | null;
  /** Digits only, with area code when sent. */
  phone: string | null;
}

export interface PaymentMethod {
  /** `pix`, `billet`, a card brand (`visa`, `mastercard`, …). */
  alias: string;
  name: string | null;
}

export interface OrderItem {
  id: number | null;
  sku: string | null;
  /** The API's order sample carries no product name; some responses do. */
  name: string | null;
  productId: number | null;
  skuId: number | null;
  quantity: number;
  unitPriceCents: Cents | null;
  gift: boolean;
  bundle: { id: number | null; name: string | null } | null;
  /** `is_digital`; read from the raw record for the detail, absent where the list built the order. */
  digital?: boolean;
}

export interface Address {
  receiver: string | null;
  street: string | null;
  number: string | null;
  complement: string | null;
  neighborhood: string | null;
  city: string | null;
  uf: string | null;
  /** Digits only. */
  zipcode: string | null;
  country: string | null;
  fullAddress: string | null;
}

export interface OrderTransaction {
  id: number | null;
  payment: PaymentMethod | null;
  amountCents: Cents | null;
  installments: number | null;
  status: string | null;
  authorized: boolean | null;
  captured: boolean | null;
  cancelled: boolean | null;
  createdAt: ZonedTime | null;
  /** The rest is read from the raw record for the detail; a key is left out when the API did not send it. */
  more?: TransactionFacts;
}

/** What a payment says beyond its method and amount, as the detail shows it. */
export interface TransactionFacts {
  installmentValueCents?: Cents;
  /** `bank_name`: the card brand as the gateway names it. */
  brand?: string;
  /** As sent: first and last digits, the rest masked. */
  maskedCard?: string;
  holderName?: string;
  billetUrl?: string;
  billetBarcode?: string;
  /** YYYY-MM-DD: a boleto is due on a day, not at an instant. */
  billetDueDate?: string;
  antifraudStatus?: string;
  antifraudScore?: string;
  errorMessage?: string;
  authorizedAt?: ZonedTime;
  capturedAt?: ZonedTime;
  cancelledAt?: ZonedTime;
}

/** Where a store-pickup order is collected: never a delivery. */
export interface PickupPoint {
  address: Address;
  /** `local_description`, e.g. the counter to go to. */
  description: string | null;
  /** "ready in `time` `timeType`" (`days`, `hours`). */
  time: number | null;
  timeType: string | null;
  onlyWeekdays: boolean | null;
}

export interface Utm {
  source?: string;
  medium?: string;
  campaign?: string;
  term?: string;
  content?: string;
}

/**
 * What the detail shows beyond the list's columns, read from the raw record when an order is opened. A key is left
 * out when the API did not send it, so the screen never shows an empty field.
 */
export interface OrderFacts {
  marketplaceId?: number;
  marketplaceSaleNumber?: string;
  shipmentService?: string;
  /** Promised delivery time in days (`days_delivery`). */
  deliveryDays?: number;
  /** Estimated or actual delivery (`date_delivery`). */
  deliveryDate?: ZonedTime;
  pickup?: PickupPoint;
  pixExpiresAt?: ZonedTime;
  utm?: Utm;
  metadata?: { key: string; value: string }[];
}

export interface OrderStatusChange {
  alias: string | null;
  name: string | null;
  at: ZonedTime | null;
}

export interface Promocode {
  id: number | null;
  code: string | null;
}

/**
 * One order as the app understands it. Everything but `id` may be unknown
 * (null) when the API sent something unreadable; `parseProblems` says what.
 */
export interface Order {
  id: number;
  storeId: string;
  number: number | null;
  status: OrderStatus | null;
  customer: OrderCustomerRef | null;
  createdAt: ZonedTime | null;
  updatedAt: ZonedTime | null;
  totalCents: Cents | null;
  productsCents: Cents | null;
  shipmentCents: Cents | null;
  discountCents: Cents | null;
  /** Instalment interest (`value_tax`), not a tax. */
  taxCents: Cents | null;
  payment: PaymentMethod | null;
  installments: number | null;
  delivered: boolean | null;
  trackingCode: string | null;
  trackUrl: string | null;
  items: OrderItem[];
  shippingAddress: Address | null;
  transactions: OrderTransaction[];
  statusHistory: OrderStatusChange[];
  promocode: Promocode | null;
  /** Read from the raw record for the detail; absent where the list built the order. */
  facts?: OrderFacts;
  parseProblems: string[];
}

/** Local review state: the API does not hold it and a sync never touches it. */
export interface ReviewState {
  reviewed: boolean;
  flagged: boolean;
  note: string;
  /** ISO UTC; null when the order was never reviewed. */
  updatedAt: string | null;
}

/** One row of the order list. */
export interface OrderSummary {
  id: number;
  number: number | null;
  status: OrderStatus | null;
  customerId: number | null;
  customerName: string | null;
  customerEmail: string | null;
  createdAt: ZonedTime | null;
  totalCents: Cents | null;
  paymentAlias: string | null;
  installments: number | null;
  delivered: boolean | null;
  trackingCode: string | null;
  reviewed: boolean;
  flagged: boolean;
  /** The order has a local note (the review state's note is not empty). */
  hasNote: boolean;
  parseProblemCount: number;
}

export interface OrderDetail {
  order: Order;
  review: ReviewState;
  /** The record exactly as the API sent it (secrets removed), for the "raw" tab and support. */
  raw: unknown;
}

/** An order with its review marks but not its raw record, nor what only that holds (facts, status history, transactions). */
export type OrderLines = Pick<OrderDetail, 'order' | 'review'>;

/** Links main builds from a cached order and opens in the person's browser; the renderer names one, never a URL. */
export const ORDER_LINK_KINDS = ['tracking', 'boleto', 'whatsapp'] as const;
export type OrderLinkKind = (typeof ORDER_LINK_KINDS)[number];
