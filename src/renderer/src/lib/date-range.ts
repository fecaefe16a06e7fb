/**
 * Day ranges for the order list's from/to filter: the presets are days in the
 * store's time zone (the list filters by the store's days), never the machine's.
 */

import { DATE_PRESETS, type DatePreset } from '../../../shared/domain/saved-view';

export { DATE_PRESETS, type DatePreset };

export interface DayRange {
  /** `YYYY-MM-DD`, both inclusive. */
  from: string;
  to: string;
}

/** The calendar day `now` falls on in `timeZone`, as `YYYY-MM-DD`. */
export function dayIn(timeZone: string, now: Date): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** Plain calendar arithmetic on `YYYY-MM-DD`, done in UTC so no zone shift can move the day. */
function shiftDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

function monthStart(day: string): string {
  return `${day.slice(0, 8)}01`;
}

export function presetRange(preset: DatePreset, timeZone: string, now: Date = new Date()): DayRange {
  const today = dayIn(timeZone, now);
  switch (preset) {
    case 'today':
      return { from: today, to: today };
    case 'yesterday': {
      const yesterday = shiftDays(today, -1);
      return { from: yesterday, to: yesterday };
    }
    case 'last7':
      return { from: shiftDays(today, -6), to: today };
    case 'last30':
      return { from: shiftDays(today, -29), to: today };
    case 'thisMonth':
      return { from: monthStart(today), to: today };
    case 'lastMonth': {
      const lastDayOfPrevious = shiftDays(monthStart(today), -1);
      return { from: monthStart(lastDayOfPrevious), to: lastDayOfPrevious };
    }
  }
}

/** The preset a range is, if any: a range typed by hand that matches one shows as that preset. */
export function presetOf(range: Partial<DayRange>, timeZone: string, now: Date = new Date()): DatePreset | null {
  return (
    DATE_PRESETS.find((preset) => {
      const candidate = presetRange(preset, timeZone, now);
      return candidate.from === range.from && candidate.to === range.to;
    }) ?? null
  );
}

/** A start after the end is read as the same range typed backwards; `swapped` says it was turned round. */
export function ordered(from: string, to: string): { from: string; to: string; swapped: boolean } {
  return from && to && from > to ? { from: to, to: from, swapped: true } : { from, to, swapped: false };
}
