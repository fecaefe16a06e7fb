/**
 * HTML built only from escaped text: `html` is a tagged template whose
 * interpolations are escaped unless they are already Html (another `html`
 * result, or a list of them). Nothing from the store reaches a document any
 * other way, so a customer named `<script>` is printed, never parsed.
 */
export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

export type HtmlValue = Html | string | number | null | undefined | false | readonly HtmlValue[];

/** Control characters (C0, DEL, C1) but tab and line breaks. */
const UNPRINTABLE = /(?![\t\n\r])\p{Cc}/gu;
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Escapes markup characters. Control characters (other than tab and line breaks) are dropped:
 * they have no printed form. Bidirectional overrides are kept as sent; every value is
 * printed inside its own isolating element, so one cannot reorder its neighbours.
 */
export function escapeHtml(value: string): string {
  return value.replace(UNPRINTABLE, '').replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof Html) return value.text;
  if (Array.isArray(value)) return (value as readonly HtmlValue[]).map(render).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1];
  return new Html(out);
}

/** A value printed as text in its own bidi-isolated span (see escapeHtml). */
export function text(value: string | null | undefined): Html {
  return value ? new Html(`<bdi>${escapeHtml(value)}</bdi>`) : new Html('');
}

/**
 * A CSS string literal (for `@page` margin boxes, which only print strings and counters):
 * every character outside a safe set becomes a hex escape, so neither a quote nor
 * `</style>` can end it.
 */
export function cssString(value: string): string {
  let out = '"';
  for (const ch of value) {
    out += /[A-Za-z0-9 .,:;()/_-]/.test(ch) ? ch : `\\${ch.codePointAt(0)!.toString(16)} `;
  }
  return `${out}"`;
}
