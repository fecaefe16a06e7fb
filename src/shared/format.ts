import type { Locale } from './i18n/messages';

/**
 * Display formatting used by the renderer and by PDF documents alike, with Intl
 * only (no Node, no DOM), so a number looks the same on screen and on paper.
 */

const moneyFormats = new Map<Locale, Intl.NumberFormat>();

/** Integer cents → "R$ 1.234,56" (always BRL; the locale only changes separators). */
export function formatMoney(cents: number, locale: Locale): string {
  let format = moneyFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: 'currency', currency: 'BRL' });
    moneyFormats.set(locale, format);
  }
  // Divide once, at display time: amounts are integers everywhere else.
  return format.format(cents / 100);
}

const numberFormats = new Map<Locale, Intl.NumberFormat>();

/** A count with the language's separators: 2.000 in pt-BR, 2,000 in English. */
export function formatNumber(value: number, locale: Locale): string {
  let format = numberFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale);
    numberFormats.set(locale, format);
  }
  return format.format(value);
}

/** The plural form a count takes in a language ("one", "other", …), as Intl.PluralRules names it. */
export function pluralForm(count: number, locale: Locale): Intl.LDMLPluralRule {
  return new Intl.PluralRules(locale).select(count);
}

export type DateStyle = 'date' | 'dateTime';

/** A UTC instant shown as wall time in the store's zone, not the machine's. */
export function formatInstant(utcIso: string, timeZone: string, locale: Locale, style: DateStyle = 'dateTime'): string {
  const date = new Date(utcIso);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(locale, {
    timeZone,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    ...(style === 'dateTime' ? { hour: '2-digit', minute: '2-digit' } : {}),
  }).format(date);
}

/** A weekday's short name (0 = Monday, as the Painel and the order filter count them). */
export function formatWeekday(weekday: number, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' }).format(
    new Date(Date.UTC(2024, 0, 1 + weekday)),
  );
}

/** An hour of the day as "14h": the Painel's bars and the order filter by hour. */
export function formatHour(hour: number): string {
  return `${String(hour).padStart(2, '0')}h`;
}

export function digitsOnly(value: string): string {
  return value.replace(/\D+/g, '');
}

/** CPF (11 digits) → 000.000.000-00; CNPJ (14) → 00.000.000/0000-00; anything else unchanged. */
export function formatTaxId(value: string | null | undefined): string {
  if (!value) return '';
  const d = digitsOnly(value);
  if (d.length === 11) return `${d.slice(0, 3)}.${d.slice(3, 6)}.${d.slice(6, 9)}-${d.slice(9)}`;
  if (d.length === 14) return `${d.slice(0, 2)}.${d.slice(2, 5)}.${d.slice(5, 8)}/${d.slice(8, 12)}-${d.slice(12)}`;
  return value;
}

/** Brazilian phones: (11) 98765-4321, (11) 3456-7890; with +55 or a leading 0 removed first. */
export function formatPhone(value: string | null | undefined): string {
  if (!value) return '';
  let d = digitsOnly(value);
  if (d.length > 11 && d.startsWith('55')) d = d.slice(2);
  if (d.length > 11 && d.startsWith('0')) d = d.slice(1);
  if (d.length === 11) return `(${d.slice(0, 2)}) ${d.slice(2, 7)}-${d.slice(7)}`;
  if (d.length === 10) return `(${d.slice(0, 2)}) ${d.slice(2, 6)}-${d.slice(6)}`;
  return value;
}

/** CEP → 00000-000. */
export function formatCep(value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const d = digitsOnly(String(value)).padStart(8, '0');
  return d.length === 8 ? `${d.slice(0, 5)}-${d.slice(5)}` : String(value);
}
