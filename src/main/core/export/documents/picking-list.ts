import type { Order } from '../../../../shared/domain/order';
import { orderNumber, t, type DocumentContext } from '../doc-format';
import { html, text, type Html } from '../html';

export interface PickedSku {
  sku: string | null;
  name: string | null;
  quantity: number;
  orders: number;
}

interface PickedOrder {
  number: string;
  customer: string | null;
  items: { sku: string | null; name: string | null; quantity: number }[];
}

/**
 * Sums SKUs across orders as they stream in, keeping per order only what the
 * list prints (number, customer, SKU, name, quantity), not the whole order.
 */
export class PickingList {
  private readonly skus = new Map<string, PickedSku>();
  readonly orders: PickedOrder[] = [];

  add(order: Order): void {
    const seen = new Set<string>();
    for (const item of order.items) {
      const key = item.sku ?? `\u0000${item.name ?? ''}`;
      let row = this.skus.get(key);
      if (!row) {
        row = { sku: item.sku, name: item.name, quantity: 0, orders: 0 };
        this.skus.set(key, row);
      }
      row.quantity += item.quantity;
      if (!seen.has(key)) row.orders += 1;
      seen.add(key);
    }
    this.orders.push({
      number: orderNumber(order),
      customer: order.customer?.name ?? null,
      items: order.items.map((item) => ({ sku: item.sku, name: item.name, quantity: item.quantity })),
    });
  }

  /** By SKU; items the store sent without one come last. */
  totals(): PickedSku[] {
    return [...this.skus.values()].sort((a, b) => {
      if (a.sku === null || b.sku === null)
        return a.sku === b.sku ? (a.name ?? '').localeCompare(b.name ?? '') : a.sku === null ? 1 : -1;
      return a.sku.localeCompare(b.sku, 'pt-BR', { numeric: true });
    });
  }
}

export const PICKING_CSS = `
.qty { font-size: 10.5pt; font-weight: 700; }
.box { display: inline-block; width: 4mm; height: 4mm; border: 0.35mm solid #1b1b1b; }
.picked { margin: 0; padding: 0; list-style: none; }
.picked li { overflow-wrap: anywhere; }
`;

export function pickingListBody(ctx: DocumentContext, list: PickingList): Html {
  const totals = list.totals();
  const units = totals.reduce((sum, row) => sum + row.quantity, 0);
  const skuRows = totals.map(
    (row) =>
      html`<tr>
        <td><span class="box"></span></td>
        <td class="nowrap">${text(row.sku ?? t(ctx, 'picking.noSku'))}</td>
        <td>${text(row.name)}</td>
        <td class="num qty">${row.quantity}</td>
        <td class="num">${row.orders}</td>
      </tr>`,
  );
  const orderRows = list.orders.map(
    (order) =>
      html`<tr>
        <td class="nowrap"><b>${order.number}</b></td>
        <td>${text(order.customer)}</td>
        <td>
          <ul class="picked">
            ${order.items.map(
              (item) =>
                html`<li>
                  <b>${item.quantity}×</b> ${text(item.sku ?? t(ctx, 'picking.noSku'))} — ${text(item.name)}
                </li>`,
            )}
          </ul>
        </td>
      </tr>`,
  );
  return html`<h1>${t(ctx, 'picking.title')}</h1>
    <p class="muted">${t(ctx, 'picking.summary', { orders: list.orders.length, skus: totals.length, units })}</p>
    <h2>${t(ctx, 'picking.bySku')}</h2>
    <table>
      <thead>
        <tr>
          <th style="width:8mm"></th>
          <th style="width:20%">${t(ctx, 'picking.sku')}</th>
          <th>${t(ctx, 'picking.name')}</th>
          <th class="num" style="width:14%">${t(ctx, 'picking.total')}</th>
          <th class="num" style="width:14%">${t(ctx, 'picking.orders')}</th>
        </tr>
      </thead>
      <tbody>
        ${skuRows}
      </tbody>
      <tfoot>
        <tr>
          <td></td>
          <td colspan="2"></td>
          <td class="num">${units}</td>
          <td class="num">${list.orders.length}</td>
        </tr>
      </tfoot>
    </table>
    <h2>${t(ctx, 'picking.byOrder')}</h2>
    <table>
      <thead>
        <tr>
          <th style="width:12%">${t(ctx, 'picking.order')}</th>
          <th style="width:30%">${t(ctx, 'picking.customer')}</th>
          <th>${t(ctx, 'picking.items')}</th>
        </tr>
      </thead>
      <tbody>
        ${orderRows}
      </tbody>
    </table>`;
}
