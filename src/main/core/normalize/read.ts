import type { ZonedTime } from '../../../shared/domain/time';
import { toCents } from './money';
import { toZonedTime } from './time';

/**
 * Lenient readers over untrusted JSON. Each returns null for a missing or null
 * field (normal in this API) and records a problem only for a value that is
 * present but unreadable, so `parseProblems` lists real surprises, not gaps.
 */
export type JsonRecord = Record<string, unknown>;

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Own properties only: keys such as `__proto__` or `constructor` in the input must not reach prototypes. */
export function field(record: JsonRecord, key: string): unknown {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/**
 * Strips `{ data: x }` wrappers. A record is a wrapper when it has `data` but no
 * `id`: no record of this API has a field named `data` beside its own id.
 */
export function unwrap(value: unknown): unknown {
  let current = value;
  for (
    let depth = 0;
    depth < 8 && isRecord(current) && Object.hasOwn(current, 'data') && !Object.hasOwn(current, 'id');
    depth += 1
  ) {
    current = current.data;
  }
  return current;
}

/** A relation expected to hold one record: the first record when a list arrives. */
export function one(value: unknown): JsonRecord | null {
  const inner = unwrap(value);
  if (isRecord(inner)) return inner;
  return Array.isArray(inner) ? (many(inner)[0] ?? null) : null;
}

/** A relation expected to hold a list: one record becomes a list of one. */
export function many(value: unknown): JsonRecord[] {
  const out: JsonRecord[] = [];
  collect(value, out, 0);
  return out;
}

/** Nested lists (`[[item]]`, `{ data: [{ data: item }] }`) flatten: a record counts wherever it sits. */
function collect(value: unknown, out: JsonRecord[], depth: number): void {
  const inner = unwrap(value);
  if (Array.isArray(inner)) {
    if (depth < 4) for (const entry of inner) collect(entry, out, depth + 1);
  } else if (isRecord(inner)) {
    out.push(inner);
  }
}

const absent = (value: unknown): boolean => value === undefined || value === null;

/**
 * The longest text kept in a column (names, e-mails, statuses, items, addresses): the store API puts no bound on
 * them, and a 1 MB name made a 3,000-order cache 536 MB. The raw JSON keeps the whole text.
 */
export const TEXT_CAP = 500;
/** Links (the carrier's tracking page) are cut only far beyond any real one: a cut link leads nowhere. */
export const URL_CAP = 4096;

/** Cut to `max` characters with an ellipsis as the last, never splitting a surrogate pair. */
export function capText(text: string, max = TEXT_CAP): string {
  if (text.length <= max) return text;
  const end = /[\uD800-\uDBFF]/.test(text.charAt(max - 2)) ? max - 2 : max - 1;
  return `${text.slice(0, end)}…`;
}

export class Reader {
  readonly problems: string[] = [];
  constructor(
    private readonly storeZone: string,
    private readonly prefix = '',
  ) {}

  /** A reader for a nested record whose problems land in the same list, with a path prefix. */
  nested(path: string): Reader {
    const child = new Reader(this.storeZone, `${this.prefix}${path}.`);
    (child as { problems: string[] }).problems = this.problems;
    return child;
  }

  problem(key: string, what: string): void {
    if (this.problems.length < 200) this.problems.push(`${this.prefix}${key}: ${what}`);
  }

  private unreadable(key: string, value: unknown, expected: string): null {
    this.problem(key, `expected ${expected}, got ${Array.isArray(value) ? 'array' : typeof value}`);
    return null;
  }

  text(record: JsonRecord, key: string, max = TEXT_CAP): string | null {
    const value = unwrap(field(record, key));
    if (absent(value)) return null;
    if (typeof value === 'string') {
      const trimmed = value.trim();
      return trimmed.length === 0 ? null : capText(trimmed, max);
    }
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
    return this.unreadable(key, value, 'text');
  }

  /** A non-negative safe integer (ids, counts, order numbers), from a number or a digit string. */
  int(record: JsonRecord, key: string): number | null {
    const value = unwrap(field(record, key));
    if (absent(value)) return null;
    let n: number = Number.NaN;
    if (typeof value === 'number') n = value;
    else if (typeof value === 'string' && /^\s*\d+(?:\.0*)?\s*$/.test(value)) n = Number(value);
    if (Number.isSafeInteger(n) && n >= 0) return n;
    return this.unreadable(key, value, 'a whole number');
  }

  bool(record: JsonRecord, key: string): boolean | null {
    const value = unwrap(field(record, key));
    if (absent(value)) return null;
    if (typeof value === 'boolean') return value;
    if (value === 1 || value === '1' || value === 'true') return true;
    if (value === 0 || value === '0' || value === 'false') return false;
    return this.unreadable(key, value, 'true or false');
  }

  cents(record: JsonRecord, key: string): number | null {
    const value = unwrap(field(record, key));
    if (absent(value)) return null;
    const result = toCents(value);
    if (result.ok) return result.cents;
    return this.unreadable(key, value, 'an amount in reais');
  }

  time(record: JsonRecord, key: string): ZonedTime | null {
    const value = field(record, key);
    if (absent(value)) return null;
    // A timestamp record has `date`; anything else may be a `{ data }` wrapper or a list of one.
    const inner =
      typeof value === 'string' || (isRecord(value) && Object.hasOwn(value, 'date'))
        ? value
        : (one(value) ?? unwrap(value));
    const result = toZonedTime(inner, this.storeZone);
    if (result.ok) {
      if (result.warning !== undefined) this.problem(key, result.warning);
      return result.time;
    }
    this.problem(key, result.reason);
    return null;
  }
}

export function digitsOnly(text: string | null): string | null {
  if (text === null) return null;
  const digits = text.replace(/\D/g, '');
  return digits.length === 0 ? null : digits;
}
