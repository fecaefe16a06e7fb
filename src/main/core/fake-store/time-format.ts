import { DateTime } from 'luxon';

export const STORE_ZONE = 'America/Sao_Paulo';

export interface ApiTimestamp {
  date: string;
  timezone_type: number;
  timezone: string;
}

// Zone offsets change rarely (São Paulo dropped daylight saving in 2019), and
// luxon's zone lookup is slow, so offsets are cached per UTC day when the day
// has one offset, per hour on a transition day.
const offsetByDay = new Map<number, number>();
const offsetByHour = new Map<number, number>();

const zoneOffset = (ms: number): number => DateTime.fromMillis(ms, { zone: STORE_ZONE }).offset;

function offsetMinutes(ms: number): number {
  const day = Math.floor(ms / 86_400_000);
  let offset = offsetByDay.get(day);
  if (offset === undefined) {
    const start = zoneOffset(day * 86_400_000);
    offset = start === zoneOffset(day * 86_400_000 + 86_399_999) ? start : NaN;
    if (offsetByDay.size > 20_000) offsetByDay.clear();
    offsetByDay.set(day, offset);
  }
  if (!Number.isNaN(offset)) return offset;
  const hour = Math.floor(ms / 3_600_000);
  let hourly = offsetByHour.get(hour);
  if (hourly === undefined) {
    hourly = zoneOffset(hour * 3_600_000);
    offsetByHour.set(hour, hourly);
  }
  return hourly;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The platform's PHP DateTime shape: local wall time with microseconds, zone by name. */
export function apiTimestamp(ms: number): ApiTimestamp {
  const d = new Date(ms + offsetMinutes(ms) * 60_000);
  const date = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.000000`;
  return { date, timezone_type: 3, timezone: STORE_ZONE };
}

export function localDate(ms: number): string {
  return DateTime.fromMillis(ms, { zone: STORE_ZONE }).toFormat('yyyy-LL-dd');
}

/** Inclusive [start, end] in epoch ms of the store-zone days `from`..`to`; null when a date is invalid. */
export function dayRange(from: string, to: string): { start: number; end: number } | null {
  const a = DateTime.fromFormat(from, 'yyyy-LL-dd', { zone: STORE_ZONE });
  const b = DateTime.fromFormat(to, 'yyyy-LL-dd', { zone: STORE_ZONE });
  if (!a.isValid || !b.isValid) return null;
  return { start: a.startOf('day').toMillis(), end: b.endOf('day').toMillis() };
}
