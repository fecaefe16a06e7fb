// A credential can come back to us encoded: a server that echoes the request
// JSON-escapes it (PHP's json_encode also writes `/` as `\/` and non-ASCII as
// `\uXXXX`), a message quoting that JSON escapes it again, a URL or a form body
// percent-encodes it. Matching only the raw text would let such echoes through to
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

/** Right after a backslash (or `%5C`): where a JSON escape such as `\u00e7` or `\n` continues. */
const AFTER_BACKSLASH = String.raw`(?<=\\|%5[cC])`;

/**
 * Builds one secret's pattern. Every character may stand behind a run of escaping
 * backslashes, and each run is taken whole (an atomic group: a lookahead capture,
 * then a back-reference), so a long run of backslashes in the text cannot be split
 * between characters in every possible way — that backtracking hung on a few
 * thousand backslashes. A backslash in the secret is itself such a run, however
 * many times it was escaped; consecutive ones are one run.
 */
class SecretPattern {
  #groups = 0;

  /** A whole run of backslashes: at least `min` of them, never given back. */
  #run(min: 0 | 1): string {
    this.#groups += 1;
    return `(?=(${BACKSLASH}${min === 0 ? '*' : '+'}))\\${this.#groups}`;
  }

  /**
   * One character (one code point) other than a backslash: itself or percent-encoded, or a JSON escape. ASCII
   * letters and digits are written as themselves by every encoder, and so are only matched that way.
   */
  #character(char: string): string {
    if (/^[A-Za-z0-9]$/.test(char)) return char;
    const forms = [literal(char), [...UTF8.encode(char)].map((byte) => `%${hex(byte, 2)}`).join('')];
    if (char === ' ') forms.push(String.raw`\+`);
    const units = Array.from({ length: char.length }, (_, i) => char.charCodeAt(i));
    const unicode = units.map((unit) => `u${hex(unit, 4)}`).join(`${BACKSLASH}+`);
    forms.push(`${AFTER_BACKSLASH}${unicode}`);
    if (SHORT_ESCAPES[char]) forms.push(`${AFTER_BACKSLASH}${SHORT_ESCAPES[char]}`);
    return `${this.#run(0)}(?:${forms.join('|')})`;
  }

  /**
   * A match never starts inside a run of backslashes: the run's first position
   * already tries the secret with the whole run in front, so the other positions
   * would only scan the same run again (quadratic in its length).
   */
  of(secret: string): string {
    return `(?<!${BACKSLASH})${this.#parts(secret)}`;
  }

  #parts(secret: string): string {
    return (secret.match(/\\+|[^\\]/gu) ?? [])
      .map((part) => (part.startsWith('\\') ? this.#run(1) : this.#character(part)))
      .join('');
  }
}

/** The longest run of ASCII letters and digits in a secret: every form of the secret contains it as it is. */
function anchor(secret: string): string {
  return (secret.match(/[A-Za-z0-9]+/g) ?? []).reduce((a, b) => (b.length > a.length ? b : a), '');
}

/** Replaces every registered secret in a text with `replacement`. */
export type SecretScrubber = (text: string, replacement: string) => string;

/**
 * Matches each secret as itself, JSON-escaped (to any depth, with `\/` and
 * `\uXXXX`), percent-encoded (with `+` for a space), or a mix of these, in time
 * linear in the text. Longer secrets first, so a secret that contains another is
 * replaced whole. Most texts hold no secret: a plain search for each secret's
 * letters-and-digits anchor skips the pattern for them.
 */
export function secretScrubber(secrets: Iterable<string>): SecretScrubber {
  const sorted = [...new Set(secrets)].filter((s) => s.length > 0).sort((a, b) => b.length - a.length);
  if (sorted.length === 0) return (text) => text;
  const builder = new SecretPattern();
  const pattern = new RegExp(sorted.map((secret) => builder.of(secret)).join('|'), 'g');
  const anchors = sorted.map(anchor);
  // A secret with no letters or digits at all has no anchor: then every text is searched.
  const mayHold = anchors.includes('') ? () => true : (text: string) => anchors.some((part) => text.includes(part));
  return (text, replacement) => (mayHold(text) ? text.replace(pattern, replacement) : text);
}
