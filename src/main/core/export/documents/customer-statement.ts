import type { OrderSummary } from '../../../../shared/domain/order';
import { money, t, when, type DocumentContext } from '../doc-format';
import { html, text, type Html } from '../html';
import type { CustomerRecord } from '../source';
import { reportRow } from './orders-report';
import { addressBlock, fields, phoneText, taxIdText } from './parts';

export const STATEMENT_CSS = `
.addresses { display: grid; grid-template-columns: 1fr; gap: 2mm; }
.addresses > div { border-left: 0.6mm solid #bbb; padding-left: 2mm; break-inside: avoid; }
.kpis { display: grid; grid-template-columns: repeat(5, 1fr); gap: 2mm; margin-top: 2mm; }
.kpis div { border: 0.3mm solid #bbb; padding: 1.5mm 2mm; }
.kpis b { display: block; font-size: 11pt; }
`;

export function customerStatementBody(
  ctx: DocumentContext,
  record: CustomerRecord,
  orders: readonly OrderSummary[],
): Html {
  const c = record.detail.customer;
  const totals = record.detail.totals;
  const kpi = (label: string, value: string) => html`<div><span class="muted">${label}</span><b>${value}</b></div>`;
  return html`<h1>${t(ctx, 'statement.title')}</h1>
    <div class="cols">
      <div>
        <h2>${t(ctx, 'statement.customer')}</h2>
        ${fields([
          [t(ctx, 'statement.customer'), text(c.name)],
          [t(ctx, 'statement.company'), text(c.companyName)],
          [t(ctx, 'order.taxId'), taxIdText(c.taxId)],
          [t(ctx, 'order.email'), text(c.email)],
          [t(ctx, 'order.phone'), phoneText(c.phone)],
          [
            t(ctx, 'statement.birthday'),
            c.birthday ? when(ctx, { utc: `${c.birthday}T12:00:00.000Z`, zone: 'UTC' }, 'date') : '',
          ],
          [t(ctx, 'statement.since'), when(ctx, c.createdAt, 'date')],
        ])}
      </div>
      <div>
        <h2>${t(ctx, 'statement.addresses')}</h2>
        <div class="addresses">${record.addresses.map((a) => html`<div>${addressBlock(a)}</div>`)}</div>
      </div>
    </div>
    <h2>${t(ctx, 'statement.totals')}</h2>
    <div class="kpis keep">
      ${kpi(t(ctx, 'statement.orders'), String(totals.orderCount))}${kpi(t(ctx, 'statement.spent'), money(ctx, totals.spentCents))}
      ${kpi(t(ctx, 'statement.average'), money(ctx, totals.averageCents))}${kpi(t(ctx, 'statement.first'), when(ctx, totals.firstOrderAt, 'date'))}
      ${kpi(t(ctx, 'statement.last'), when(ctx, totals.lastOrderAt, 'date'))}
    </div>
    <h2>${t(ctx, 'statement.history')}</h2>
    <table>
      <thead>
        <tr>
          <th style="width:10%">${t(ctx, 'report.number')}</th>
          <th style="width:22%">${t(ctx, 'report.date')}</th>
          <th>${t(ctx, 'report.status')}</th>
          <th style="width:18%">${t(ctx, 'report.payment')}</th>
          <th class="num" style="width:17%">${t(ctx, 'report.total')}</th>
        </tr>
      </thead>
      <tbody>
        ${orders.map((row) => reportRow(ctx, row, false))}
      </tbody>
    </table>`;
}
