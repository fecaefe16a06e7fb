import type { OrderSummary } from '../../../../shared/domain/order';
import type { OrderQuery } from '../../../../shared/domain/query';
import { formatHour, formatMoney, formatWeekday } from '../../../../shared/format';
import { counted, money, paymentName, t, when, type DocumentContext } from '../doc-format';
import { html, text, type Html } from '../html';

interface Group {
  label: string;
  count: number;
  cents: number;
}

/** Totals kept while rows stream in: by status, by payment method, and overall. */
export class ReportTotals {
  readonly byStatus = new Map<string, Group>();
  readonly byPayment = new Map<string, Group>();
  count = 0;
  cents = 0;

  add(ctx: DocumentContext, row: OrderSummary): void {
    const cents = row.totalCents ?? 0;
    this.count += 1;
    this.cents += cents;
    bump(this.byStatus, row.status?.alias ?? '', row.status?.name ?? t(ctx, 'common.none'), cents);
    bump(this.byPayment, row.paymentAlias ?? '', paymentName(ctx, row.paymentAlias) || t(ctx, 'common.none'), cents);
  }
}

function bump(groups: Map<string, Group>, key: string, label: string, cents: number): void {
  const group = groups.get(key) ?? { label, count: 0, cents: 0 };
  group.count += 1;
  group.cents += cents;
  groups.set(key, group);
}

/** The filter as a sentence, for the report's header. */
export function filterInWords(ctx: DocumentContext, query: OrderQuery | null, selected: number): string {
  if (!query) return counted(ctx, selected, 'report.selectionOne', 'report.selection');
  const parts: string[] = [];
  const day = (value: string) => when(ctx, { utc: `${value}T12:00:00.000Z`, zone: 'UTC' }, 'date');
  if (query.statuses?.length) parts.push(t(ctx, 'filter.statuses', { value: query.statuses.join(', ') }));
  if (query.from) parts.push(t(ctx, 'filter.from', { value: day(query.from) }));
  if (query.to) parts.push(t(ctx, 'filter.to', { value: day(query.to) }));
  if (query.paymentMethods?.length)
    parts.push(t(ctx, 'filter.payment', { value: query.paymentMethods.map((p) => paymentName(ctx, p)).join(', ') }));
  if (query.minTotalCents !== undefined)
    parts.push(t(ctx, 'filter.minTotal', { value: formatMoney(query.minTotalCents, ctx.locale) }));
  if (query.maxTotalCents !== undefined)
    parts.push(t(ctx, 'filter.maxTotal', { value: formatMoney(query.maxTotalCents, ctx.locale) }));
  if (query.delivered !== undefined) parts.push(t(ctx, query.delivered ? 'filter.delivered' : 'filter.notDelivered'));
  if (query.customerId !== undefined) parts.push(t(ctx, 'filter.customer', { value: query.customerId }));
  if (query.hour !== undefined) parts.push(t(ctx, 'filter.hour', { value: formatHour(query.hour) }));
  if (query.weekday !== undefined)
    parts.push(t(ctx, 'filter.weekday', { value: formatWeekday(query.weekday, ctx.locale) }));
  if (query.review) parts.push(t(ctx, `filter.${query.review}`));
  if (query.arrivedIn?.length)
    parts.push(counted(ctx, query.arrivedIn.length, 'filter.arrivedOne', 'filter.arrivedMany'));
  if (query.search) parts.push(t(ctx, 'filter.search', { value: query.search }));
  if (parts.length === 0) parts.push(t(ctx, 'report.allOrders'));
  if (query.sort)
    parts.push(`${t(ctx, `filter.sort.${query.sort.key}`)} (${t(ctx, `filter.sort.${query.sort.direction}`)})`);
  return parts.join('; ');
}

export function reportRow(ctx: DocumentContext, row: OrderSummary, withCustomer = true): Html {
  return html`<tr>
    <td class="nowrap">${row.number ?? row.id}</td>
    <td class="nowrap">${when(ctx, row.createdAt)}</td>
    ${withCustomer ? html`<td>${text(row.customerName)}</td>` : ''}
    <td>${text(row.status?.name)}</td>
    <td>${text(paymentName(ctx, row.paymentAlias))}</td>
    <td class="num">${money(ctx, row.totalCents)}</td>
  </tr>`;
}

function groupTable(ctx: DocumentContext, title: string, groups: Map<string, Group>): Html {
  const rows = [...groups.values()]
    .sort((a, b) => b.cents - a.cents)
    .map(
      (g) =>
        html`<tr>
          <td>${text(g.label)}</td>
          <td class="num">${g.count}</td>
          <td class="num">${money(ctx, g.cents)}</td>
        </tr>`,
    );
  return html`<div class="keep">
    <h2>${title}</h2>
    <table>
      <thead>
        <tr>
          <th></th>
          <th class="num" style="width:22%">${t(ctx, 'report.count')}</th>
          <th class="num" style="width:34%">${t(ctx, 'report.sum')}</th>
        </tr>
      </thead>
      <tbody>
        ${rows}
      </tbody>
    </table>
  </div>`;
}

export const REPORT_CSS = `
tfoot td { font-size: 10pt; }
`;

/** Which part of a report printed in parts this is: the title goes on the first, the totals on the last. */
export interface ReportPart {
  first: boolean;
  last: boolean;
}

/** Rows are rendered as they stream in (`rows`), so the summaries need not be held in memory. */
export function reportBody(
  ctx: DocumentContext,
  filter: string,
  rows: readonly Html[],
  totals: ReportTotals,
  part: ReportPart = { first: true, last: true },
): Html {
  const head = html`<h1>${t(ctx, 'report.title')}</h1>
    <p><b>${t(ctx, 'report.filter')}:</b> ${text(filter)}</p>
    <p class="muted">
      ${t(ctx, 'page.generated', { when: when(ctx, { utc: ctx.generatedAt.toISOString(), zone: ctx.store.timeZone }) })}
      · ${counted(ctx, totals.count, 'report.orderCountOne', 'report.orderCount')}
    </p>`;
  const foot = html`<tfoot>
    <tr>
      <td colspan="5">
        ${t(ctx, 'report.grandTotal')} · ${counted(ctx, totals.count, 'report.orderCountOne', 'report.orderCount')}
      </td>
      <td class="num">${money(ctx, totals.cents)}</td>
    </tr>
  </tfoot>`;
  const summaries = html`<div class="cols">
    ${groupTable(ctx, t(ctx, 'report.byStatus'), totals.byStatus)}${groupTable(ctx, t(ctx, 'report.byPayment'), totals.byPayment)}
  </div>`;
  return html`${part.first ? head : ''}
    <table>
      <thead>
        <tr>
          <th style="width:9%">${t(ctx, 'report.number')}</th>
          <th style="width:17%">${t(ctx, 'report.date')}</th>
          <th>${t(ctx, 'report.customer')}</th>
          <th style="width:19%">${t(ctx, 'report.status')}</th>
          <th style="width:13%">${t(ctx, 'report.payment')}</th>
          <th class="num" style="width:14%">${t(ctx, 'report.total')}</th>
        </tr>
      </thead>
      <tbody>
        ${rows}
      </tbody>
      ${part.last ? foot : ''}
    </table>
    ${part.last ? summaries : ''}`;
}
