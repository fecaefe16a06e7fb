import { DateTime } from 'luxon';

/** Where an instant falls in the store's zone. */
export interface Local {
  day: string;
  hour: number;
  /** 0 = Monday. */
  weekday: number;
}

const DAY_MS = 86_400_000;

/**
 * Maps UTC instants to the store's day, hour and weekday with plain arithmetic: the zone's offset is asked of luxon
 * twice per UTC day (its start and end), and once per instant only on a day whose offset changes, so a year of
 * quarter hours costs some seven hundred zone look-ups instead of thirty-five thousand.
 */
export function localClock(zone: string): (utcMs: number) => Local {
  const offsetAt = (ms: number): number => DateTime.fromMillis(ms, { zone }).offset;
  const dayOffsets = new Map<number, number | null>();
  const days = new Map<number, string>();
  return (ms) => {
    const utcDay = Math.floor(ms / DAY_MS);
    let offset = dayOffsets.get(utcDay);
    if (offset === undefined) {
      const start = offsetAt(utcDay * DAY_MS);
      offset = start === offsetAt((utcDay + 1) * DAY_MS - 1) ? start : null;
      dayOffsets.set(utcDay, offset);
    }
    const local = ms + (offset ?? offsetAt(ms)) * 60_000;
    const localDay = Math.floor(local / DAY_MS);
    let day = days.get(localDay);
    if (day === undefined) {
      day = new Date(localDay * DAY_MS).toISOString().slice(0, 10);
      days.set(localDay, day);
    }
    const d = new Date(local);
    return { day, hour: d.getUTCHours(), weekday: (d.getUTCDay() + 6) % 7 };
  };
}

/** A stretch of time over which the zone keeps one offset from UTC (minutes). */
export interface OffsetSpan {
  fromMs: number;
  toMs: number;
  offset: number;
}

const MINUTE_MS = 60_000;
const PROBE_MS = 7 * DAY_MS;

/**
 * [fromMs, toMs) cut where the zone's offset changes: the zone is asked a week apart, and where two answers differ
 * the change is narrowed down to its minute (zones change at most twice a year, never twice within a week).
 */
export function offsetSpans(zone: string, fromMs: number, toMs: number): OffsetSpan[] {
  const offsetAt = (ms: number): number => DateTime.fromMillis(ms, { zone }).offset;
  const spans: OffsetSpan[] = [];
  let start = fromMs;
  let offset = offsetAt(fromMs);
  // An instant known to have `offset`; changes fall on whole minutes, so its whole minute has it too.
  let known = fromMs;
  while (known < toMs - 1) {
    const probe = Math.min(known + PROBE_MS, toMs - 1);
    if (offsetAt(probe) === offset) {
      known = probe;
      continue;
    }
    // `offset` at minute lo, another at minute hi.
    let lo = Math.floor(known / MINUTE_MS);
    let hi = Math.ceil(probe / MINUTE_MS);
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (offsetAt(mid * MINUTE_MS) === offset) lo = mid;
      else hi = mid;
    }
    known = hi * MINUTE_MS;
    spans.push({ fromMs: start, toMs: known, offset });
    start = known;
    offset = offsetAt(known);
  }
  spans.push({ fromMs: start, toMs, offset });
  return spans.filter((s) => s.toMs > s.fromMs);
}
