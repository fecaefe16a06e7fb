import { DateTime, IANAZone } from 'luxon';

/**
 * The API's date filter takes whole days (`created_at:A|B`), read in the
 * store's zone: every window the sync asks for is computed here, never in the
 * machine's zone.
 */
export function dayOf(utcIso: string, zone: string): string {
  return DateTime.fromISO(utcIso, { zone: 'utc' }).setZone(zone).toISODate() ?? utcIso.slice(0, 10);
}

export function todayIn(zone: string, now: Date): string {
  return DateTime.fromJSDate(now).setZone(zone).toISODate() ?? now.toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  return DateTime.fromISO(day, { zone: 'utc' }).plus({ days }).toISODate() ?? day;
}

export function minDay(a: string, b: string): string {
  return a < b ? a : b;
}

export function maxDay(a: string, b: string): string {
  return a > b ? a : b;
}

export function isValidZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

/** `utc` minus whole days, as UTC ISO (windows are measured back from the newest known order). */
export function minusDays(utcIso: string, days: number): string {
  return DateTime.fromISO(utcIso, { zone: 'utc' }).minus({ days }).toUTC().toISO() ?? utcIso;
}
