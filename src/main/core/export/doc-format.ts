import type { Address, Order, PaymentMethod } from '../../../shared/domain/order';
import type { ZonedTime } from '../../../shared/domain/time';
import { formatCep, formatMoney } from '../../../shared/format';
import { documentText, type DocumentKey } from '../../../shared/i18n/documents';
import type { Locale } from '../../../shared/i18n/messages';
import type { StoreInfo } from './source';

/** Everything a document needs besides its data: language, store, and the moment it was made. */
export interface DocumentContext {
  locale: Locale;
  store: StoreInfo;
  generatedAt: Date;
}

export function t(ctx: DocumentContext, key: DocumentKey, params?: Record<string, string | number>): string {
  return documentText(ctx.locale, key, params);
}

/** `one` for exactly one, `many` (with {count}) otherwise. */
export function counted(ctx: DocumentContext, count: number, one: DocumentKey, many: DocumentKey): string {
  return count === 1 ? t(ctx, one) : t(ctx, many, { count });
}

export function money(ctx: DocumentContext, cents: number | null | undefined): string {
  return cents === null || cents === undefined ? t(ctx, 'common.none') : formatMoney(cents, ctx.locale);
}

const instantFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * A date in the store's zone (never the machine's), as `formatInstant` writes it, with the
 * formatter kept per zone, language and style: a 10,000-row report formats 10,000 dates.
 */
export function when(
  ctx: DocumentContext,
  at: ZonedTime | null | undefined,
  style: 'date' | 'dateTime' = 'dateTime',
): string {
  if (!at) return '';
  const key = `${ctx.store.timeZone}|${ctx.locale}|${style}`;
  let format = instantFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(ctx.locale, {
      timeZone: ctx.store.timeZone,
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      ...(style === 'dateTime' ? { hour: '2-digit', minute: '2-digit' } : {}),
    });
    instantFormats.set(key, format);
  }
  const date = new Date(at.utc);
  return Number.isNaN(date.getTime()) ? '' : format.format(date);
}

export function generatedAt(ctx: DocumentContext): string {
  return when(ctx, { utc: ctx.generatedAt.toISOString(), zone: ctx.store.timeZone });
}

export function orderNumber(order: Pick<Order, 'number' | 'id'>): string {
  return String(order.number ?? order.id);
}

const PAYMENT_KEYS: Record<string, DocumentKey> = { pix: 'payment.pix', billet: 'payment.billet' };

export function paymentName(ctx: DocumentContext, payment: PaymentMethod | string | null | undefined): string {
  if (!payment) return '';
  const alias = typeof payment === 'string' ? payment : payment.alias;
  const key = PAYMENT_KEYS[alias];
  if (key) return t(ctx, key);
  const name = typeof payment === 'string' ? null : payment.name;
  return name ?? alias.charAt(0).toUpperCase() + alias.slice(1);
}

/** An address as lines: street and number, complement and neighbourhood, city/UF and CEP. */
export function addressLines(
  address: Omit<Address, 'receiver' | 'country' | 'fullAddress'> & { fullAddress?: string | null },
): string[] {
  const join = (parts: (string | null | undefined)[], sep: string) => parts.filter((p) => p && p.trim()).join(sep);
  const lines = [
    join([address.street, address.number], ', '),
    join([address.complement, address.neighborhood], ' — '),
    join([join([address.city, address.uf], '/'), address.zipcode ? `CEP ${formatCep(address.zipcode)}` : ''], ' — '),
  ].filter((l) => l !== '');
  if (lines.length === 0 && address.fullAddress) return [address.fullAddress];
  return lines;
}

export function lineTotal(quantity: number, unitCents: number | null): number | null {
  return unitCents === null ? null : quantity * unitCents;
}
