import type { Cents } from './time';

/** The Painel's periods; all are whole days in the store's time zone, ending today unless named otherwise. */
export const PAINEL_PERIODS = [
  'today',
  'yesterday',
  '7d',
  '30d',
  '90d',
  'thisMonth',
  'lastMonth',
  'thisYear',
  'custom',
] as const;
export type PainelPeriod = (typeof PAINEL_PERIODS)[number];

/** What the figures are set against: the period of the same length just before, or the same days a year before. */
export type PainelCompare = 'previous' | 'lastYear';

/**
 * Orders that count as sales: payment confirmed, and every status an order reaches after that on its way to the
 * customer. Waiting for payment, authorised but not captured, cancelled, refused and refunded orders do not count.
 */
export const SALE_STATUSES = [
  'paid',
  'handling_products',
  'invoiced',
  'ready_for_shipping',
  'on_carriage',
  'delivered',
  'shipment_exception',
] as const;

/** Statuses counted by the cancellation/refusal rate. */
export const CANCELLED_STATUSES = ['cancelled', 'refused'] as const;
export const AWAITING_PAYMENT_STATUS = 'waiting_payment';

/** Days in the store's zone, `YYYY-MM-DD`, both inclusive. */
export interface DayRange {
  from: string;
  to: string;
}

/** A figure beside the same figure in the comparison period; `changePct` is null when that one is 0 or absent. */
export interface Figure {
  current: number | null;
  previous: number | null;
  changePct: number | null;
}

export interface PaymentFigure {
  alias: string;
  name: string | null;
  orders: number;
  sales: number;
  revenueCents: Cents;
  /** Sales ÷ orders created with this method (paid ÷ created); null with no orders. */
  conversion: number | null;
}

export interface StatusFigure {
  alias: string;
  name: string | null;
  orders: number;
  /** Sum of the orders' totals, whatever the status (so "cancelled" shows what was lost). */
  totalCents: Cents;
}

export interface TopCustomer {
  customerId: number;
  name: string | null;
  sales: number;
  revenueCents: Cents;
}

export interface TopSku {
  sku: string;
  name: string | null;
  quantity: number;
  revenueCents: Cents;
}

export type SeriesBucket = 'day' | 'week' | 'month';

/** One point of the chart: its days, and the aligned days of the comparison period. */
export interface SeriesPoint {
  range: DayRange;
  revenueCents: Cents;
  sales: number;
  orders: number;
  previousRange: DayRange;
  previousRevenueCents: Cents;
  previousSales: number;
  previousOrders: number;
}

export interface Painel {
  storeId: string;
  timeZone: string;
  period: PainelPeriod;
  compare: PainelCompare;
  range: DayRange;
  previousRange: DayRange;
  saleStatuses: readonly string[];
  revenueCents: Figure;
  /** Every order created in the period, whatever its status. */
  orders: Figure;
  sales: Figure;
  averageTicketCents: Figure;
  itemsSold: Figure;
  newCustomers: Figure;
  returningCustomers: Figure;
  /** Shares are 0..1. */
  awaitingPaymentShare: Figure;
  cancellationRate: Figure;
  byPayment: PaymentFigure[];
  byStatus: StatusFigure[];
  topCustomers: TopCustomer[];
  topSkus: TopSku[];
  /** Orders by hour of day 0..23 in the store's zone. */
  byHour: number[];
  /** Orders by weekday in the store's zone, Monday first. */
  byWeekday: number[];
  series: { bucket: SeriesBucket; points: SeriesPoint[] };
}
