/**
 * Reais → integer cents without binary floating point on the way.
 *
 * Numbers are first printed with `String(n)`, the shortest text that reads back
 * as the same double (955.76 → "955.76", 0.1 + 0.2 → "0.30000000000000004"),
 * and that decimal text is what gets rounded, digit by digit.
 *
 * Text accepted, decided for a Brazilian API that sometimes sends display strings:
 * - optional `R$`, spaces and sign;
 * - both `.` and `,` present: the LAST one is the decimal mark, the other groups thousands
 *   ("1.234,56" and "1,234.56" are both 1234.56);
 * - only `,`: it is the decimal mark (pt-BR: "955,76"), unless it appears more than once (grouping);
 * - only `.`: one dot is the decimal mark ("955.76"); several dots group thousands ("1.234.567");
 * - exponents ("1e3", "1.5E-2") as JavaScript prints large or tiny numbers.
 * Rounding is half away from zero at the third decimal place.
 */
export type CentsResult = { ok: true; cents: number } | { ok: false };

const PLAIN = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

export function toCents(value: unknown): CentsResult {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return { ok: false };
    return decimalTextToCents(String(value));
  }
  if (typeof value !== 'string') return { ok: false };
  const canonical = canonicalDecimal(value);
  return canonical === null ? { ok: false } : decimalTextToCents(canonical);
}

/** "R$ 1.234,56" → "1234.56"; null when the text is not a number. */
function canonicalDecimal(text: string): string | null {
  let s = text
    .trim()
    .replace(/^R\$\s*/i, '')
    .replace(/\s+/g, '');
  if (s.length === 0 || s.length > 64) return null;
  let sign = '';
  if (s[0] === '-' || s[0] === '+') {
    sign = s[0];
    s = s.slice(1).replace(/^R\$/i, '');
  }
  if (/[eE]/.test(s)) return `${sign}${s}`;
  const lastDot = s.lastIndexOf('.');
  const lastComma = s.lastIndexOf(',');
  const dots = s.split('.').length - 1;
  const commas = s.split(',').length - 1;
  let integer: string;
  let fraction = '';
  if (dots > 0 && commas > 0) {
    const mark = lastDot > lastComma ? '.' : ',';
    const group = mark === '.' ? ',' : '.';
    const at = s.lastIndexOf(mark);
    integer = s.slice(0, at).split(group).join('');
    fraction = s.slice(at + 1);
  } else if (commas === 1 || dots === 1) {
    const at = commas === 1 ? lastComma : lastDot;
    integer = s.slice(0, at);
    fraction = s.slice(at + 1);
  } else {
    integer = s.split(dots > 1 ? '.' : ',').join('');
  }
  if (!/^\d*$/.test(integer) || !/^\d*$/.test(fraction) || integer.length + fraction.length === 0) return null;
  return `${sign}${integer || '0'}.${fraction}`;
}

function decimalTextToCents(text: string): CentsResult {
  const m = PLAIN.exec(text);
  if (!m) return { ok: false };
  const [, sign, intPart = '', fracPart = '', expPart] = m;
  if (intPart.length + fracPart.length === 0) return { ok: false };
  const exponent = expPart === undefined ? 0 : Number(expPart);
  if (!Number.isSafeInteger(exponent) || Math.abs(exponent) > 400) return { ok: false };
  // Move the decimal point by the exponent on the digit string itself.
  let digits = intPart + fracPart;
  let point = intPart.length + exponent;
  if (point < 0) {
    digits = '0'.repeat(-point) + digits;
    point = 0;
  }
  if (point > digits.length) digits = digits + '0'.repeat(point - digits.length);
  const whole = digits.slice(0, point).replace(/^0+(?=\d)/, '') || '0';
  const decimals = (digits.slice(point) + '000').slice(0, 3);
  const centsText = whole + decimals.slice(0, 2);
  if (centsText.replace(/^0+/, '').length > 16) return { ok: false };
  let cents = Number(centsText);
  if (Number(decimals[2]) >= 5) cents += 1;
  if (!Number.isSafeInteger(cents)) return { ok: false };
  return { ok: true, cents: sign === '-' && cents !== 0 ? -cents : cents };
}
