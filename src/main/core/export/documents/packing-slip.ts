import type { OrderDetail } from '../../../../shared/domain/order';
import { orderNumber, t, when, type DocumentContext } from '../doc-format';
import { html, text, type Html } from '../html';
import { orderExtras } from '../order-extras';
import { addressBlock, itemName } from './parts';

export const PACKING_SLIP_CSS = `
.slip-head { display: flex; justify-content: space-between; align-items: flex-start; gap: 6mm; margin-bottom: 4mm; }
.slip-number { font-size: 30pt; font-weight: 700; line-height: 1; }
.slip-label { font-size: 9pt; color: #5c5c5c; text-transform: uppercase; letter-spacing: 0.3mm; }
.slip-address { font-size: 12pt; border: 0.4mm solid #1b1b1b; padding: 3mm 4mm; min-width: 45%; max-width: 60%; }
.slip-address .address div:first-child { font-weight: 700; }
.box { display: inline-block; width: 4.5mm; height: 4.5mm; border: 0.4mm solid #1b1b1b; }
.items td { font-size: 10pt; padding-top: 2mm; padding-bottom: 2mm; }
.qty { font-size: 12pt; font-weight: 700; }
.note { white-space: pre-wrap; overflow-wrap: anywhere; border: 0.4mm dashed #1b1b1b; padding: 3mm; font-size: 10pt; }
`;

/** The order without a single price: what goes in the box and where it goes. */
export function packingSlipBody(ctx: DocumentContext, detail: OrderDetail): Html {
  const o = detail.order;
  const extras = orderExtras(detail.raw, ctx.store.timeZone);
  const units = o.items.reduce((sum, item) => sum + item.quantity, 0);
  const address = o.shippingAddress ?? extras.pickup;
  const receiver =
    address && !address.receiver && o.customer?.name ? { ...address, receiver: o.customer.name } : address;
  const rows = o.items.map(
    (item) =>
      html`<tr>
        <td class="center"><span class="box"></span></td>
        <td class="num qty">${item.quantity}</td>
        <td class="nowrap">${text(item.sku)}</td>
        <td>${itemName(ctx, item)}</td>
      </tr>`,
  );
  return html`<section class="doc">
    <div class="slip-head">
      <div>
        <div class="slip-label">${t(ctx, 'slip.title')} · ${t(ctx, 'slip.order')}</div>
        <div class="slip-number">${orderNumber(o)}</div>
        <p class="muted">${when(ctx, o.createdAt)}</p>
        <p>${text(extras.carrier)}${o.trackingCode ? html` · ${text(o.trackingCode)}` : ''}</p>
        <p class="muted">${t(ctx, 'slip.itemCount', { items: o.items.length, units })}</p>
      </div>
      <div class="slip-address">
        <div class="slip-label">${t(ctx, extras.pickup && !o.shippingAddress ? 'order.pickup' : 'order.delivery')}</div>
        ${addressBlock(receiver)}
      </div>
    </div>
    <table class="items">
      <thead>
        <tr>
          <th style="width:18mm">${t(ctx, 'slip.check')}</th>
          <th class="num" style="width:14mm">${t(ctx, 'order.quantity')}</th>
          <th style="width:22%">${t(ctx, 'order.sku')}</th>
          <th>${t(ctx, 'order.product')}</th>
        </tr>
      </thead>
      <tbody>
        ${rows}
      </tbody>
    </table>
    ${
      detail.review.note
        ? html`<div class="keep">
            <h2>${t(ctx, 'slip.noteForPacker')}</h2>
            <div class="note">${text(detail.review.note)}</div>
          </div>`
        : ''
    }
  </section>`;
}
