import { DateTime, IANAZone } from 'luxon';
import type { ZonedTime } from '../../../shared/domain/time';
import { wallTimeToEpochMs, type WallTime } from './zone-offsets';

/**
 * API timestamps → `{ utc, zone }`. Wall times are read in the zone the API
 * names (PHP's `{ date, timezone_type, timezone }`), or in the store's zone when
 * none is named; never in the machine's zone. ISO strings with an offset or `Z`
 * keep their instant; their `zone` is the store's, since an offset names no zone.
 */
export type TimeResult = { ok: true; time: ZonedTime; warning?: string } | { ok: false; reason: string };

const WALL = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?$/;
const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/i;
// Years outside this range are data errors, and 5-digit years would break the sortable `utc` text.
const MIN_YEAR = 1900;
const MAX_YEAR = 2999;

// Every order carries ~25 timestamps naming the same zone or two: luxon re-validates
// a zone name on each use (measured ~0.3 ms a timestamp), so each name is checked once.
const zones = new Map<string, IANAZone | null>();

function ianaZone(name: string): IANAZone | null {
  let zone = zones.get(name);
  if (zone === undefined) {
    zone = IANAZone.isValidZone(name) ? IANAZone.create(name) : null;
    if (zones.size < 1000) zones.set(name, zone);
  }
  return zone;
}

export function isValidZone(zone: string): boolean {
  return ianaZone(zone) !== null;
}

export function toZonedTime(value: unknown, storeZone: string): TimeResult {
  if (typeof value === 'string') return fromText(value.trim(), storeZone, storeZone);
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    const date = Object.hasOwn(record, 'date') ? record.date : undefined;
    if (typeof date !== 'string') return { ok: false, reason: 'no date text' };
    const named = Object.hasOwn(record, 'timezone') ? record.timezone : undefined;
    const zone = typeof named === 'string' ? zoneFromPhp(named) : null;
    if (zone === null) {
      const result = fromText(date.trim(), storeZone, storeZone);
      return result.ok ? { ...result, warning: `unknown time zone, read in ${storeZone}` } : result;
    }
    return fromText(date.trim(), zone.read, zone.keep);
  }
  return { ok: false, reason: 'not a timestamp' };
}

/** PHP's timezone_type 3 names an IANA zone; type 1 an offset ("-03:00"). Abbreviations (type 2) are ambiguous. */
function zoneFromPhp(name: string): { read: string; keep: string } | null {
  // PHP writes "Z" for a time it parsed from ISO text ending in Z; luxon knows it only as "UTC".
  if (name === 'Z') return { read: 'UTC', keep: 'UTC' };
  if (isValidZone(name)) return { read: name, keep: name };
  const offset = /^([+-])(\d{2}):?(\d{2})$/.exec(name);
  if (offset) {
    const fixed = `UTC${offset[1]}${offset[2]}:${offset[3]}`;
    if (DateTime.now().setZone(fixed).isValid) return { read: fixed, keep: fixed };
  }
  return null;
}

function fromText(text: string, zone: string, keepZone: string): TimeResult {
  let epochMs: number;
  if (WITH_OFFSET.test(text)) {
    const dt = DateTime.fromISO(text, { setZone: true });
    if (!dt.isValid) return { ok: false, reason: 'impossible date' };
    epochMs = dt.toMillis();
  } else {
    const m = WALL.exec(text);
    if (!m) return { ok: false, reason: 'unreadable date text' };
    const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '0'] = m;
    const wall: WallTime = {
      year: Number(y),
      month: Number(mo),
      day: Number(d),
      hour: Number(h),
      minute: Number(mi),
      second: Number(s),
      millisecond: Number(frac.padEnd(3, '0').slice(0, 3)),
    };
    const iana = ianaZone(zone);
    const fast = iana === null ? null : wallTimeToEpochMs(wall, iana);
    if (fast !== null) epochMs = fast;
    else {
      const dt = DateTime.fromObject(wall, { zone: iana ?? zone });
      if (!dt.isValid) return { ok: false, reason: 'impossible date' };
      epochMs = dt.toMillis();
    }
  }
  const instant = new Date(epochMs);
  const year = instant.getUTCFullYear();
  if (year < MIN_YEAR || year > MAX_YEAR) return { ok: false, reason: 'year out of range' };
  // Within those years toISOString is exactly the sortable `YYYY-MM-DDTHH:mm:ss.sssZ`, and far cheaper than toFormat.
  return { ok: true, time: { utc: instant.toISOString(), zone: keepZone } };
}
