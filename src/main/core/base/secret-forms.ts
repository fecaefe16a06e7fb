// A credential can come back to us encoded: a server that echoes the request
// JSON-escapes it (PHP's json_encode also writes `/` as `\/` and non-ASCII as
// `\uXXXX`), a message quoting that JSON escapes it again, a URL or a form body
// percent-encodes it. Matching only the raw text let such echoes through to
// stores.last_error, the log and the CLI's output.

/** A backslash as written in text, or percent-encoded (an escaped JSON string inside a URL). */
const BACKSLASH = String.raw`(?:\\|%5[cC])`;

const UTF8 = new TextEncoder();

/** JSON's two-letter escapes for the characters that have one. */
const SHORT_ESCAPES: Record<string, string> = { '\b': 'b', '\f': 'f', '\n': 'n', '\r': 'r', '\t': 't' };

function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/** Hex digits in either case: escapes are written `\u00e9` or `\u00E9`, `%2f` or `%2F`. */
function hex(value: number, width: number): string {
  return value
    .toString(16)
    .padStart(width, '0')
    .replace(/[a-f]/g, (digit) => `[${digit}${digit.toUpperCase()}]`);
}

/**
 * Every way one character (one code point) of a secret may be written: itself or
 * percent-encoded, behind any escaping backslashes, or as a JSON escape.
 */
function characterForms(char: string): string {
  const plain = [literal(char), [...UTF8.encode(char)].map((byte) => `%${hex(byte, 2)}`).join('')];
  if (char === ' ') plain.push(String.raw`\+`);
  const units = Array.from({ length: char.length }, (_, i) => char.charCodeAt(i));
  const escaped = [units.map((unit) => `${BACKSLASH}+u${hex(unit, 4)}`).join('')];
  if (SHORT_ESCAPES[char]) escaped.push(`${BACKSLASH}+${SHORT_ESCAPES[char]}`);
  return `(?:${BACKSLASH}*(?:${plain.join('|')})|${escaped.join('|')})`;
}

function secretForms(secret: string): string {
  return [...secret].map(characterForms).join('');
}

/**
 * One global pattern matching each secret as itself, JSON-escaped (to any depth,
 * with `\/` and `\uXXXX`), percent-encoded (with `+` for a space), or a mix;
 * null when there is nothing to match. Longer secrets first, so a secret that
 * contains another is replaced whole.
 */
export function secretsPattern(secrets: Iterable<string>): RegExp | null {
  const sorted = [...new Set(secrets)].filter((s) => s.length > 0).sort((a, b) => b.length - a.length);
  return sorted.length === 0 ? null : new RegExp(sorted.map(secretForms).join('|'), 'g');
}
