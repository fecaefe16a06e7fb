import { DateTime } from 'luxon';
import type { DayRange, PainelCompare, PainelPeriod, SeriesBucket } from '../../../../shared/domain/painel';
import { AppError } from '../../base/app-error';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;
/** Ten years of days: beyond that a chart by day or week says nothing and a query reads the whole store. */
export const MAX_PERIOD_DAYS = 3660;

function parseDay(day: string, zone: string): DateTime {
  const d = DateTime.fromISO(day, { zone });
  if (!DAY.test(day) || !d.isValid)
    throw new AppError('INVALID_INPUT', `Not a date: ${day.slice(0, 20)}`, { params: { reason: 'date' } });
  return d.startOf('day');
}

const iso = (d: DateTime): string => d.toISODate() ?? '';

/** Whole days from `from` to `to`, both counted (calendar days: a DST day is still one day). */
export function dayCount(range: DayRange): number {
  return Math.round((Date.parse(`${range.to}T00:00:00Z`) - Date.parse(`${range.from}T00:00:00Z`)) / DAY_MS) + 1;
}

/** Calendar arithmetic on `YYYY-MM-DD` (no zone: a day is a day). */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The days a period covers, in the store's zone, on the day `now` is there. */
export function resolvePeriod(
  period: PainelPeriod,
  zone: string,
  now: Date,
  custom: { from?: string; to?: string } = {},
): DayRange {
  const today = DateTime.fromJSDate(now, { zone }).startOf('day');
  const last = (days: number): DayRange => ({ from: iso(today.minus({ days: days - 1 })), to: iso(today) });
  switch (period) {
    case 'today':
      return last(1);
    case 'yesterday':
      return { from: iso(today.minus({ days: 1 })), to: iso(today.minus({ days: 1 })) };
    case '7d':
      return last(7);
    case '30d':
      return last(30);
    case '90d':
      return last(90);
    case 'thisMonth':
      return { from: iso(today.startOf('month')), to: iso(today) };
    case 'lastMonth': {
      const m = today.minus({ months: 1 });
      return { from: iso(m.startOf('month')), to: iso(m.endOf('month')) };
    }
    case 'thisYear':
      return { from: iso(today.startOf('year')), to: iso(today) };
    case 'custom': {
      if (custom.from === undefined || custom.to === undefined)
        throw new AppError('INVALID_INPUT', 'a custom period needs from and to', { params: { reason: 'period' } });
      const from = parseDay(custom.from, zone);
      const to = parseDay(custom.to, zone);
      const range = { from: iso(from), to: iso(to) };
      if (to < from || dayCount(range) > MAX_PERIOD_DAYS)
        throw new AppError('INVALID_INPUT', 'the period must run forwards and span at most ten years', {
          params: { reason: 'period' },
        });
      return range;
    }
  }
}

/** The period the figures are set against: as many days just before, or the same days a year before. */
export function comparisonRange(range: DayRange, compare: PainelCompare): DayRange {
  if (compare === 'lastYear') {
    const back = (day: string) => iso(DateTime.fromISO(day, { zone: 'UTC' }).minus({ years: 1 }));
    return { from: back(range.from), to: back(range.to) };
  }
  const n = dayCount(range);
  return { from: addDays(range.from, -n), to: addDays(range.from, -1) };
}

/** Days up to a little over a year (so 365+ points stay a line by day), then weeks, then months. */
export function seriesBucket(range: DayRange): SeriesBucket {
  const n = dayCount(range);
  if (n <= 400) return 'day';
  if (n <= 1200) return 'week';
  return 'month';
}

/** The first instant of a store-zone day, as created_utc text, so day ranges compare as strings do. */
export function dayStartUtc(day: string, zone: string): string {
  return parseDay(day, zone).toUTC().toFormat("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'");
}

/** The days of each bucket of a period, in order. */
export function bucketRanges(bucket: SeriesBucket, range: DayRange): DayRange[] {
  const out: DayRange[] = [];
  let from = range.from;
  while (from <= range.to) {
    let to: string;
    if (bucket === 'day') to = from;
    else if (bucket === 'week') to = addDays(from, 6);
    else to = iso(DateTime.fromISO(from, { zone: 'UTC' }).endOf('month'));
    if (to > range.to) to = range.to;
    out.push({ from, to });
    from = addDays(to, 1);
  }
  return out;
}
