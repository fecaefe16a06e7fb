/**
 * What the client needs of a list page, read from its bytes without building the page. A sync's list pages are
 * parsed on the writer's threads, where they are written; the main thread (Electron's, which also answers the
 * window) only has to know that the body is JSON, how many records it holds and what its `meta` says, and parsing a
 * page of orders there costs several times this read and leaves megabytes of objects to collect (bench/list-body.ts).
 *
 * The answer is exactly JSON.parse's on the text `new TextDecoder().decode(bytes)`: the body is refused when and only
 * when JSON.parse would throw, and `records` and `meta` are what it would give for `data` and `meta` (the last of
 * duplicate keys, keys written with escapes). Working on bytes is the same as on that text: JSON's structure is all
 * ASCII, and the decoder turns bytes it cannot read into U+FFFD without ever swallowing an ASCII byte, so a byte
 * above 0x7f outside a string is an error either way and inside one is always accepted.
 */
export interface ListBody {
  /** Whether the body is a JSON object (not an array, a string, a number or null). */
  object: boolean;
  /** The length of the object's `data` list; 0 when there is none, or it is not a list. */
  records: number;
  /** The object's `meta`, parsed; undefined when there is none. */
  meta: unknown;
}

const utf8 = new TextDecoder();

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const COMMA = 0x2c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_LIST = 0x5b;
const CLOSE_LIST = 0x5d;
const MINUS = 0x2d;
const PLUS = 0x2b;
const DOT = 0x2e;
const ZERO = 0x30;
const NINE = 0x39;
const LOWER_E = 0x65;
const UPPER_E = 0x45;
const LOWER_U = 0x75;

/** Null when JSON.parse would refuse the text. */
export function readListBody(bytes: Uint8Array): ListBody | null {
  // The decoder drops one leading byte-order mark before JSON.parse sees the text.
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  i = skipSpace(bytes, i);
  if (bytes[i] !== OPEN_OBJECT) {
    const end = skipValue(bytes, i);
    return end >= 0 && skipSpace(bytes, end) === bytes.length ? { object: false, records: 0, meta: undefined } : null;
  }
  let records = 0;
  let meta: { start: number; end: number } | null = null;
  i = skipSpace(bytes, i + 1);
  if (bytes[i] === CLOSE_OBJECT) i += 1;
  else {
    for (;;) {
      const keyEnd = skipString(bytes, i);
      if (keyEnd < 0) return null;
      const key = memberName(bytes, i, keyEnd);
      i = skipSpace(bytes, keyEnd);
      if (bytes[i] !== COLON) return null;
      const start = skipSpace(bytes, i + 1);
      if (key === 'data' && bytes[start] === OPEN_LIST) {
        const list = countList(bytes, start);
        if (list === null) return null;
        records = list.count;
        i = list.end;
      } else {
        i = skipValue(bytes, start);
        if (i < 0) return null;
        if (key === 'data') records = 0;
        if (key === 'meta') meta = { start, end: i };
      }
      i = skipSpace(bytes, i);
      if (bytes[i] === COMMA) {
        i = skipSpace(bytes, i + 1);
        continue;
      }
      if (bytes[i] !== CLOSE_OBJECT) return null;
      i += 1;
      break;
    }
  }
  if (skipSpace(bytes, i) !== bytes.length) return null;
  return {
    object: true,
    records,
    meta: meta === null ? undefined : JSON.parse(utf8.decode(bytes.subarray(meta.start, meta.end))),
  };
}

/** A member's name, for the two this reads; any other name comes back as null. */
function memberName(bytes: Uint8Array, start: number, end: number): string | null {
  const length = end - start;
  if (bytes.subarray(start, end).includes(BACKSLASH)) {
    const name: unknown = JSON.parse(utf8.decode(bytes.subarray(start, end)));
    return name === 'data' || name === 'meta' ? name : null;
  }
  if (length !== 6) return null;
  const name = String.fromCharCode(bytes[start + 1], bytes[start + 2], bytes[start + 3], bytes[start + 4]);
  return name === 'data' || name === 'meta' ? name : null;
}

function countList(bytes: Uint8Array, start: number): { count: number; end: number } | null {
  let i = skipSpace(bytes, start + 1);
  if (bytes[i] === CLOSE_LIST) return { count: 0, end: i + 1 };
  let count = 0;
  for (;;) {
    i = skipValue(bytes, i);
    if (i < 0) return null;
    count += 1;
    i = skipSpace(bytes, i);
    if (bytes[i] === COMMA) i = skipSpace(bytes, i + 1);
    else if (bytes[i] === CLOSE_LIST) return { count, end: i + 1 };
    else return null;
  }
}

function skipSpace(bytes: Uint8Array, from: number): number {
  let i = from;
  for (;;) {
    const c = bytes[i];
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i += 1;
    else return i;
  }
}

/** The closing bytes of the containers skipValue is inside; one for every call, which always leaves it empty. */
const open: number[] = [];

/**
 * The end of the JSON value starting at `from` (no space before it), or -1. A stack, not recursion: JSON.parse reads
 * any depth, so this must too.
 */
function skipValue(bytes: Uint8Array, from: number): number {
  open.length = 0;
  let i = from;
  for (;;) {
    // A value starts at i.
    const c = bytes[i];
    if (c === OPEN_OBJECT || c === OPEN_LIST) {
      const inner = skipSpace(bytes, i + 1);
      const close = c === OPEN_OBJECT ? CLOSE_OBJECT : CLOSE_LIST;
      if (bytes[inner] === close) i = inner + 1;
      else {
        open.push(close);
        i = c === OPEN_OBJECT ? skipMemberName(bytes, inner) : inner;
        if (i < 0) return -1;
        continue;
      }
    } else if (c === QUOTE) i = skipString(bytes, i);
    else if (c === MINUS || (c !== undefined && c >= ZERO && c <= NINE)) i = skipNumber(bytes, i);
    else if (c === 0x74) i = skipWord(bytes, i, 'true');
    else if (c === 0x66) i = skipWord(bytes, i, 'false');
    else if (c === 0x6e) i = skipWord(bytes, i, 'null');
    else return -1;
    if (i < 0) return -1;
    // The value ended at i: close what it ends, or move to the next one.
    for (;;) {
      if (open.length === 0) return i;
      i = skipSpace(bytes, i);
      const close = open[open.length - 1];
      if (bytes[i] === COMMA) {
        i = skipSpace(bytes, i + 1);
        if (close === CLOSE_OBJECT) i = skipMemberName(bytes, i);
        if (i < 0) return -1;
        break;
      }
      if (bytes[i] !== close) return -1;
      open.pop();
      i += 1;
    }
  }
}

/** Past `"name" :` and the space after it, or -1. */
function skipMemberName(bytes: Uint8Array, from: number): number {
  let i = skipString(bytes, from);
  if (i < 0) return -1;
  i = skipSpace(bytes, i);
  return bytes[i] === COLON ? skipSpace(bytes, i + 1) : -1;
}

function skipString(bytes: Uint8Array, from: number): number {
  if (bytes[from] !== QUOTE) return -1;
  let i = from + 1;
  for (;;) {
    const c = bytes[i];
    // Most bytes of a string: past the quote, and neither a backslash nor a control character (nor the end).
    if (c > QUOTE && c !== BACKSLASH) {
      i += 1;
      continue;
    }
    if (c === QUOTE) return i + 1;
    if (c === BACKSLASH) {
      const e = bytes[i + 1];
      if (e === LOWER_U) {
        for (let k = i + 2; k < i + 6; k += 1) if (!isHex(bytes[k])) return -1;
        i += 6;
      } else if (
        e === QUOTE ||
        e === BACKSLASH ||
        e === 0x2f ||
        e === 0x62 ||
        e === 0x66 ||
        e === 0x6e ||
        e === 0x72 ||
        e === 0x74
      )
        i += 2;
      else return -1;
    } else if (c === undefined || c < 0x20) return -1;
    else i += 1;
  }
}

function isHex(c: number | undefined): boolean {
  return c !== undefined && ((c >= ZERO && c <= NINE) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66));
}

function isDigit(c: number | undefined): boolean {
  return c !== undefined && c >= ZERO && c <= NINE;
}

/** -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
function skipNumber(bytes: Uint8Array, from: number): number {
  let i = from;
  if (bytes[i] === MINUS) i += 1;
  if (bytes[i] === ZERO) i += 1;
  else if (isDigit(bytes[i])) while (isDigit(bytes[i])) i += 1;
  else return -1;
  if (bytes[i] === DOT) {
    i += 1;
    if (!isDigit(bytes[i])) return -1;
    while (isDigit(bytes[i])) i += 1;
  }
  if (bytes[i] === LOWER_E || bytes[i] === UPPER_E) {
    i += 1;
    if (bytes[i] === PLUS || bytes[i] === MINUS) i += 1;
    if (!isDigit(bytes[i])) return -1;
    while (isDigit(bytes[i])) i += 1;
  }
  return i;
}

function skipWord(bytes: Uint8Array, from: number, word: string): number {
  for (let k = 0; k < word.length; k += 1) if (bytes[from + k] !== word.charCodeAt(k)) return -1;
  return from + word.length;
}
