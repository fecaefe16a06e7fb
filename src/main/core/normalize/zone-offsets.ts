import type { IANAZone } from 'luxon';

/**
 * Wall time in an IANA zone → epoch ms, as luxon's `DateTime.fromObject({…}, { zone })` computes it, without its
 * cost. luxon asks `Intl.DateTimeFormat.formatToParts` for the zone's offset two or three times per timestamp (its
 * guess at "now", then fixOffset's checks); an order carries ~25 timestamps, and those calls were a fifth of the sync
 * writer's time. Here each offset is asked once per zone and UTC hour: an hour whose two ends have the same offset is
 * taken to have it throughout (zones change offset at most a few times a year), and an hour holding a change is
 * never cached, so those instants are asked of the zone every time.
 */
const HOUR_MS = 3_600_000;
const MAX_HOURS_CACHED = 200_000;
const offsets = new Map<IANAZone, Map<number, number>>();

function offsetMinutes(zone: IANAZone, ts: number): number {
  let hours = offsets.get(zone);
  if (hours === undefined) {
    hours = new Map();
    offsets.set(zone, hours);
  }
  const hour = Math.floor(ts / HOUR_MS);
  const known = hours.get(hour);
  if (known !== undefined) return known;
  const start = zone.offset(hour * HOUR_MS);
  if (zone.offset(hour * HOUR_MS + HOUR_MS - 1) !== start) return zone.offset(ts);
  if (hours.size >= MAX_HOURS_CACHED) hours.clear();
  hours.set(hour, start);
  return start;
}

/** luxon's fixOffset (datetime.js), on the cached offsets: the same instant for gaps and overlaps alike. */
function fixOffset(localTs: number, guess: number, zone: IANAZone): number {
  let utcGuess = localTs - guess * 60_000;
  const o2 = offsetMinutes(zone, utcGuess);
  if (guess === o2) return utcGuess;
  utcGuess -= (o2 - guess) * 60_000;
  const o3 = offsetMinutes(zone, utcGuess);
  if (o2 === o3) return utcGuess;
  return localTs - Math.min(o2, o3) * 60_000;
}

export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

const daysIn = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * The instant of a wall time in `zone`, or null where luxon's rules for it are not plain (a field out of its range,
 * hour 24, a year before 100): the caller then asks luxon itself.
 */
export function wallTimeToEpochMs(wall: WallTime, zone: IANAZone): number | null {
  const { year, month, day, hour, minute, second, millisecond } = wall;
  if (year < 100 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59 || millisecond > 999) return null;
  const localTs = Date.UTC(year, month - 1, day, hour, minute, second, millisecond);
  // luxon's first guess is the zone's offset now: it decides which of two instants an ambiguous wall time names.
  return fixOffset(localTs, offsetMinutes(zone, Date.now()), zone);
}
