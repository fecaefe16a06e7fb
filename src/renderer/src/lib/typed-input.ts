import { MAX_CENTS } from '../../../shared/ipc/contract';
import type { Locale } from '../../../shared/i18n/messages';

/**
 * Dates and amounts as a person types them in their language (dd/mm/aaaa and 1.234,56 in pt-BR; mm/dd/yyyy and
 * 1,234.56 in en), read into what the core takes: `YYYY-MM-DD` days and integer cents. The native date field follows
 * the operating system's language instead of the app's, hence these.
 */

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: 'format' | 'impossible' };

type DayPart = 'day' | 'month' | 'year';

/** The order of day, month and year in the language's short dates. */
export function dayOrder(locale: Locale): DayPart[] {
  return new Intl.DateTimeFormat(locale, { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' })
    .formatToParts(new Date(Date.UTC(2001, 10, 22)))
    .map((part) => part.type)
    .filter((type): type is DayPart => type === 'day' || type === 'month' || type === 'year');
}

/** `YYYY-MM-DD` → the language's short date ("22/11/2001", "11/22/2001"); '' stays ''. */
export function formatDay(day: string, locale: Locale): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return '';
  const parts: Record<DayPart, string> = { year: match[1], month: match[2], day: match[3] };
  return dayOrder(locale)
    .map((part) => parts[part])
    .join('/');
}

/** "22112001" in the language's order: two digits each for day and month, four for the year. */
function runTogether(digits: string, order: DayPart[]): string[] {
  let at = 0;
  return order.map((part) => {
    const length = part === 'year' ? 4 : 2;
    at += length;
    return digits.slice(at - length, at);
  });
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * A typed date in the language's order, with `/`, `.`, `-` or spaces between the parts (or eight digits run
 * together); a two-digit year is in this century. `YYYY-MM-DD` is read too, whatever the language. Blank is ''.
 * `impossible` is a date that cannot exist (31/02, month 13), `format` text that is not a date at all.
 */
export function parseDay(text: string, locale: Locale): Parsed<string> {
  const typed = text.trim();
  if (typed === '') return { ok: true, value: '' };
  let numbers: Record<DayPart, string>;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(typed);
  if (iso) numbers = { year: iso[1], month: iso[2], day: iso[3] };
  else {
    const order = dayOrder(locale);
    const pieces = /^\d{8}$/.test(typed) ? runTogether(typed, order) : typed.split(/\s*[/.\-\s]\s*/);
    if (pieces.length !== 3 || !pieces.every((piece) => /^\d{1,4}$/.test(piece)))
      return { ok: false, reason: 'format' };
    numbers = Object.fromEntries(order.map((part, index) => [part, pieces[index]])) as Record<DayPart, string>;
  }
  if (numbers.day.length > 2 || numbers.month.length > 2 || ![2, 4].includes(numbers.year.length))
    return { ok: false, reason: 'format' };
  const year = Number(numbers.year.length === 2 ? `20${numbers.year}` : numbers.year);
  const month = Number(numbers.month);
  const day = Number(numbers.day);
  if (year < 1900 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month))
    return { ok: false, reason: 'impossible' };
  return {
    ok: true,
    value: `${String(year)}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
  };
}

/** The language's decimal and grouping marks (pt-BR: `,` and `.`; en: `.` and `,`). */
function marks(locale: Locale): { decimal: string; group: string } {
  const parts = new Intl.NumberFormat(locale).formatToParts(12345.6);
  return {
    decimal: parts.find((part) => part.type === 'decimal')?.value ?? '.',
    group: parts.find((part) => part.type === 'group')?.value ?? ',',
  };
}

/** Cents as typed back into a field: "1.234,56" in pt-BR, "1,234.56" in en, without the currency. */
export function formatCentsInput(cents: number, locale: Locale): string {
  return new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(cents / 100);
}

const escape = (mark: string) => mark.replace(/[.\\]/g, '\\$&');

/**
 * An amount in reais typed in the language's format ("R$ 1.234,56", "1234,5", "50"), as integer cents; blank is
 * null. A lone other mark followed by one or two digits ("12.50" in pt-BR) is read as the decimal point people
 * often type. Negative amounts and more than two decimals are `format`.
 */
export function parseMoney(text: string, locale: Locale): Parsed<number | null> {
  const typed = text
    .replace(/R\$/gi, '')
    .replace(/[\s\u00a0\u202f]/g, '')
    .trim();
  if (typed === '') return { ok: true, value: null };
  const { decimal, group } = marks(locale);
  const d = escape(decimal);
  const g = escape(group);
  let normalised: string | null = null;
  if (
    new RegExp(`^\\d{1,3}(${g}\\d{3})+(${d}\\d{1,2})?$`).test(typed) ||
    new RegExp(`^\\d+(${d}\\d{1,2})?$`).test(typed)
  )
    normalised = typed.split(group).join('').replace(decimal, '.');
  else if (new RegExp(`^\\d+${g}\\d{1,2}$`).test(typed)) normalised = typed.replace(group, '.');
  if (normalised === null) return { ok: false, reason: 'format' };
  const [whole, fraction = ''] = normalised.split('.');
  const cents = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  if (!Number.isSafeInteger(cents) || cents > MAX_CENTS) return { ok: false, reason: 'impossible' };
  return { ok: true, value: cents };
}
