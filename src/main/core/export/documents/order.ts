import type { OrderDetail } from '../../../../shared/domain/order';
import { lineTotal, money, orderNumber, paymentName, t, when, type DocumentContext } from '../doc-format';
import { html, text, type Html } from '../html';
import { orderExtras } from '../order-extras';
import { addressBlock, fields, itemName, phoneText, taxIdText } from './parts';

export const ORDER_CSS = `
.head { display: flex; justify-content: space-between; align-items: baseline; gap: 4mm; }
.status { font-weight: 700; font-size: 10pt; border: 0.3mm solid #1b1b1b; padding: 0.5mm 2mm; border-radius: 1mm; }
.totals { width: 55%; margin-left: auto; margin-top: 2mm; }
.totals td { border-bottom: none; padding: 0.6mm 1.8mm; }
.totals td.num { width: 40%; }
.totals tr.grand td { font-weight: 700; font-size: 10.5pt; border-top: 0.4mm solid #1b1b1b; }
.note { white-space: pre-wrap; overflow-wrap: anywhere; border: 0.3mm solid #888; padding: 2mm; }
`;

function itemsTable(ctx: DocumentContext, detail: OrderDetail): Html {
  const rows = detail.order.items.map(
    (item) =>
      html`<tr>
        <td class="nowrap">${text(item.sku)}</td>
        <td>${itemName(ctx, item)}</td>
        <td class="num">${item.quantity}</td>
        <td class="num">${money(ctx, item.unitPriceCents)}</td>
        <td class="num">${money(ctx, lineTotal(item.quantity, item.unitPriceCents))}</td>
      </tr>`,
  );
  return html`<table class="items">
    <thead>
      <tr>
        <th style="width:17%">${t(ctx, 'order.sku')}</th>
        <th>${t(ctx, 'order.product')}</th>
        <th class="num" style="width:8%">${t(ctx, 'order.quantity')}</th>
        <th class="num" style="width:15%">${t(ctx, 'order.unitPrice')}</th>
        <th class="num" style="width:15%">${t(ctx, 'order.lineTotal')}</th>
      </tr>
    </thead>
    <tbody>
      ${rows}
    </tbody>
  </table>`;
}

function totalsTable(ctx: DocumentContext, detail: OrderDetail): Html {
  const o = detail.order;
  const row = (label: string, cents: number | null, sign = '') =>
    cents === null
      ? ''
      : html`<tr>
          <td>${label}</td>
          <td class="num">${sign}${money(ctx, cents)}</td>
        </tr>`;
  return html`<table class="totals keep">
    <tbody>
      ${row(t(ctx, 'order.products'), o.productsCents)}
      ${o.discountCents ? row(t(ctx, 'order.discount'), o.discountCents, '− ') : ''}
      ${row(t(ctx, 'order.shipping'), o.shipmentCents)} ${o.taxCents ? row(t(ctx, 'order.interest'), o.taxCents) : ''}
      <tr class="grand">
        <td>${t(ctx, 'order.total')}</td>
        <td class="num">${money(ctx, o.totalCents)}</td>
      </tr>
    </tbody>
  </table>`;
}

/** The whole order, as a merchant files it: who, where, what, how much, how paid and sent, what happened. */
export function orderBody(ctx: DocumentContext, detail: OrderDetail): Html {
  const o = detail.order;
  const extras = orderExtras(detail.raw, ctx.store.timeZone);
  const c = o.customer;
  const installments =
    o.installments && o.installments > 1 ? t(ctx, 'order.installmentsValue', { count: o.installments }) : '';
  const history = o.statusHistory.map(
    (h) =>
      html`<tr>
        <td class="nowrap">${when(ctx, h.at)}</td>
        <td>${text(h.name ?? h.alias)}</td>
      </tr>`,
  );
  const review = detail.review;
  return html`<section class="doc">
    <div class="head">
      <h1>${t(ctx, 'order.title', { number: orderNumber(o) })}</h1>
      ${o.status ? html`<span class="status">${text(o.status.name)}</span>` : ''}
    </div>
    ${fields([
      [t(ctx, 'order.placed'), when(ctx, o.createdAt)],
      [t(ctx, 'order.updated'), when(ctx, o.updatedAt)],
    ])}
    <div class="cols">
      <div>
        <h2>${t(ctx, 'order.customer')}</h2>
        ${fields([
          [t(ctx, 'order.customer'), text(c?.name)],
          [t(ctx, 'order.taxId'), taxIdText(c?.taxId)],
          [t(ctx, 'order.email'), text(c?.email)],
          [t(ctx, 'order.phone'), phoneText(c?.phone)],
        ])}
      </div>
      <div>
        ${
          extras.pickup && !o.shippingAddress
            ? html`<h2>${t(ctx, 'order.pickup')}</h2>
                ${addressBlock(extras.pickup)}`
            : html`<h2>${t(ctx, 'order.delivery')}</h2>
                ${addressBlock(o.shippingAddress)}`
        }
      </div>
    </div>
    <h2>${t(ctx, 'order.items')}</h2>
    ${itemsTable(ctx, detail)} ${totalsTable(ctx, detail)}
    <div class="cols keep">
      <div>
        <h2>${t(ctx, 'order.payment')}</h2>
        ${fields([
          [t(ctx, 'order.method'), text(paymentName(ctx, o.payment))],
          [t(ctx, 'order.installments'), installments],
          [t(ctx, 'order.card'), text(extras.maskedCard)],
          [t(ctx, 'order.billetBarcode'), text(extras.billetBarcode)],
          [t(ctx, 'order.pixExpires'), when(ctx, extras.pixExpiresAt)],
          [t(ctx, 'order.promocode'), text(o.promocode?.code)],
        ])}
      </div>
      <div>
        <h2>${t(ctx, 'order.shipment')}</h2>
        ${fields([
          [t(ctx, 'order.carrier'), text(extras.carrier)],
          [t(ctx, 'order.tracking'), text(o.trackingCode)],
          [t(ctx, 'order.delivered'), o.delivered === null ? '' : t(ctx, o.delivered ? 'common.yes' : 'common.no')],
        ])}
      </div>
    </div>
    ${
      history.length
        ? html`<h2>${t(ctx, 'order.history')}</h2>
            <table>
              <thead>
                <tr>
                  <th style="width:28%">${t(ctx, 'order.when')}</th>
                  <th>${t(ctx, 'order.status')}</th>
                </tr>
              </thead>
              <tbody>
                ${history}
              </tbody>
            </table>`
        : ''
    }
    ${
      review.reviewed || review.flagged || review.note
        ? html`<div class="keep">
            <h2>${t(ctx, 'order.review')}</h2>
            <p>
              ${[review.reviewed ? t(ctx, 'order.reviewed') : '', review.flagged ? t(ctx, 'order.flagged') : ''].filter(Boolean).join(' · ')}
            </p>
            ${review.note ? html`<div class="note">${text(review.note)}</div>` : ''}
          </div>`
        : ''
    }
    ${o.parseProblems.length ? html`<p class="muted">${t(ctx, 'order.parseProblems', { count: o.parseProblems.length })}</p>` : ''}
  </section>`;
}
