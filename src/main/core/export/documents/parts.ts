import type { Address, OrderItem } from '../../../../shared/domain/order';
import { formatPhone, formatTaxId } from '../../../../shared/format';
import { addressLines, t, type DocumentContext } from '../doc-format';
import { html, text, type Html, type HtmlValue } from '../html';

/** Pieces several documents share. */

export function fields(rows: readonly [string, HtmlValue][]): Html {
  const shown = rows.filter(
    ([, value]) => value !== null && value !== undefined && value !== false && String(value) !== '',
  );
  return html`<dl class="fields">
    ${shown.map(
      ([label, value]) =>
        html`<dt>${label}</dt>
          <dd>${value}</dd>`,
    )}
  </dl>`;
}

export function addressBlock(address: Address | null, extra: readonly string[] = []): Html {
  if (!address) return html``;
  const lines = [...(address.receiver ? [address.receiver] : []), ...addressLines(address), ...extra];
  return html`<div class="address">${lines.map((line) => html`<div>${text(line)}</div>`)}</div>`;
}

export function taxIdText(value: string | null | undefined): Html {
  return text(formatTaxId(value));
}

export function phoneText(value: string | null | undefined): Html {
  return text(formatPhone(value));
}

/** The item's name, with its SKU when the store sent no name, and its gift/bundle marks. */
export function itemName(ctx: DocumentContext, item: OrderItem): Html {
  const marks: Html[] = [];
  if (item.gift) marks.push(html`<span class="mark">${t(ctx, 'order.gift')}</span>`);
  if (item.bundle)
    marks.push(html`<span class="mark">${t(ctx, 'order.bundle', { name: item.bundle.name ?? '' })}</span>`);
  return html`${text(item.name ?? t(ctx, 'order.unnamedItem'))}${marks.length ? html` ${marks}` : ''}`;
}

export const PARTS_CSS = `
.mark { display: inline-block; font-size: 7pt; padding: 0 1.2mm; margin-left: 1mm; border: 0.2mm solid #888;
  border-radius: 0.8mm; color: #333; white-space: nowrap; }
.address div { overflow-wrap: anywhere; }
`;
