import type { ZonedTime } from '../../../shared/domain/time';
import { formatInstant, formatMoney, formatNumber, type DateStyle } from '../../../shared/format';
import { ApiError, isErrorInfo } from '../../../shared/errors';
import { errorMessage } from '../../../shared/i18n/error-message';
import { isMessageKey } from '../../../shared/i18n/messages';
import { preferences, t } from './preferences.svelte';

/** Formatting bound to the person's language; dates in the store's own zone. */
export function money(cents: number | null | undefined): string {
  return cents === null || cents === undefined ? '—' : formatMoney(cents, preferences.locale);
}

export function when(time: ZonedTime | null | undefined, storeZone: string, style: DateStyle = 'dateTime'): string {
  return time ? formatInstant(time.utc, storeZone, preferences.locale, style) : '—';
}

/** "há 5 min" / "5 min ago": how fresh the cache is. */
export function ago(iso: string | null, now = Date.now()): string {
  if (!iso) return t('freshness.neverSynced');
  const seconds = Math.max(0, Math.round((now - new Date(iso).getTime()) / 1000));
  const format = new Intl.RelativeTimeFormat(preferences.locale, { numeric: 'auto' });
  if (seconds < 60) return format.format(-seconds, 'second');
  if (seconds < 3600) return format.format(-Math.round(seconds / 60), 'minute');
  if (seconds < 86_400) return format.format(-Math.round(seconds / 3600), 'hour');
  return format.format(-Math.round(seconds / 86_400), 'day');
}

/** "Atualizado há 5 min", or "Nunca sincronizada" for a store never synced. */
export function freshness(iso: string | null, now = Date.now()): string {
  return iso ? t('freshness.updated', { when: ago(iso, now) }) : t('freshness.neverSynced');
}

/**
 * A failure as the person should read it: the words for its code and params
 * (src/shared/i18n) in their language. A failed call is an ApiError; a sync's
 * outcome and a store's last error carry the same `{ code, params }`.
 */
export function errorText(error: unknown): string {
  if (error instanceof ApiError) return errorMessage(preferences.locale, error.toInfo());
  if (isErrorInfo(error)) return errorMessage(preferences.locale, error);
  return error instanceof Error ? error.message : String(error);
}

/** PIX and boleto have names; card brands are shown as their brand. */
export function paymentName(alias: string): string {
  const key = `payment.${alias}`;
  return isMessageKey(key) ? t(key) : alias.charAt(0).toUpperCase() + alias.slice(1);
}

/** A count with the language's separators. */
export function num(value: number): string {
  return formatNumber(value, preferences.locale);
}
