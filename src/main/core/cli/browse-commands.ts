import type { OrderQuery } from '../../../shared/domain/query';
import { formatInstant, formatMoney } from '../../../shared/format';
import { getCustomerDetail, listCustomers } from '../db/customers-repo';
import { getOrderDetail } from '../db/order-detail';
import { listOrders } from '../db/orders-list';
import { countUnreadable } from '../db/unreadable-repo';
import { day, positiveInt, recordId, text } from './args';
import { pickStore, printJson, type CommandContext } from './context';
import { EXIT } from './exit-codes';

export const ORDERS_OPTIONS = {
  store: { type: 'string' },
  q: { type: 'string' },
  status: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  limit: { type: 'string' },
} as const;

export const ONE_OPTIONS = { store: { type: 'string' } } as const;
export const CUSTOMERS_OPTIONS = {
  store: { type: 'string' },
  q: { type: 'string' },
  limit: { type: 'string' },
} as const;

const money = (cents: number | null): string => (cents === null ? '—' : formatMoney(cents, 'pt-BR'));
const when = (t: { utc: string; zone: string } | null): string =>
  t === null ? '—' : formatInstant(t.utc, t.zone, 'pt-BR');
const cell = (value: unknown, width: number): string =>
  String(value ?? '—')
    .slice(0, width)
    .padEnd(width);

function notFound(ctx: CommandContext, what: string): number {
  ctx.term.err(`${what} not found in the cache\n`);
  return EXIT.other;
}

export function ordersCommand(ctx: CommandContext): number {
  const core = ctx.core();
  const store = pickStore(core, ctx.values);
  const status = text(ctx.values, 'status');
  const q = text(ctx.values, 'q');
  const from = day(ctx.values, 'from');
  const to = day(ctx.values, 'to');
  const query: OrderQuery = {
    limit: positiveInt(ctx.values, 'limit') ?? 50,
    ...(q !== undefined ? { search: q } : {}),
    ...(status !== undefined ? { statuses: status.split(',') } : {}),
    ...(from !== undefined ? { from } : {}),
    ...(to !== undefined ? { to } : {}),
  };
  const page = listOrders(core.db, store.id, query);
  if (ctx.json) {
    printJson(ctx.term, { storeId: store.id, total: page.total, totalIsExact: page.totalIsExact, rows: page.rows });
    return EXIT.ok;
  }
  for (const o of page.rows) {
    ctx.term.out(
      `${cell(o.id, 9)} #${cell(o.number, 7)} ${cell(when(o.createdAt), 17)} ${cell(o.status?.alias, 18)} ${cell(o.customerName, 28)} ${money(o.totalCents)}\n`,
    );
  }
  ctx.term.err(`${page.rows.length} of ${page.totalIsExact ? '' : 'more than '}${page.total} orders\n`);
  return EXIT.ok;
}

export function orderCommand(ctx: CommandContext): number {
  const id = recordId(ctx.positionals[0], 'order ID');
  const core = ctx.core();
  const store = pickStore(core, ctx.values);
  const detail = getOrderDetail(core.db, store.id, id);
  if (detail === null) return notFound(ctx, `order ${id}`);
  if (ctx.json) {
    printJson(ctx.term, { storeId: store.id, ...detail });
    return EXIT.ok;
  }
  const o = detail.order;
  ctx.term.out(`order ${o.id} #${o.number ?? '—'} — ${o.status?.name ?? '—'} — ${when(o.createdAt)}\n`);
  ctx.term.out(`customer: ${o.customer?.name ?? '—'} <${o.customer?.email ?? '—'}>\n`);
  ctx.term.out(
    `total ${money(o.totalCents)} (products ${money(o.productsCents)}, shipping ${money(o.shipmentCents)}, discount ${money(o.discountCents)})\n`,
  );
  ctx.term.out(`payment: ${o.payment?.alias ?? '—'}${o.installments ? ` ×${o.installments}` : ''}\n`);
  for (const item of o.items)
    ctx.term.out(`  ${item.quantity} × ${item.sku ?? '—'} ${item.name ?? ''} ${money(item.unitPriceCents)}\n`);
  if (o.parseProblems.length > 0) ctx.term.out(`read with problems: ${o.parseProblems.join('; ')}\n`);
  return EXIT.ok;
}

export function customersCommand(ctx: CommandContext): number {
  const core = ctx.core();
  const store = pickStore(core, ctx.values);
  const q = text(ctx.values, 'q');
  const page = listCustomers(core.db, store.id, {
    limit: positiveInt(ctx.values, 'limit') ?? 50,
    ...(q !== undefined ? { search: q } : {}),
  });
  if (ctx.json) {
    printJson(ctx.term, { storeId: store.id, total: page.total, totalIsExact: page.totalIsExact, rows: page.rows });
    return EXIT.ok;
  }
  for (const c of page.rows)
    ctx.term.out(`${cell(c.id, 9)} ${cell(c.name, 30)} ${cell(c.email, 32)} ${c.orderCount} orders\n`);
  const unreadable = countUnreadable(core.db, store.id);
  ctx.term.err(
    `${page.rows.length} of ${page.total} customers${unreadable.customers > 0 ? ` (${unreadable.customers} unreadable records kept raw)` : ''}\n`,
  );
  return EXIT.ok;
}

export function customerCommand(ctx: CommandContext): number {
  const id = recordId(ctx.positionals[0], 'customer ID');
  const core = ctx.core();
  const store = pickStore(core, ctx.values);
  const detail = getCustomerDetail(core.db, store.id, id);
  if (detail === null) return notFound(ctx, `customer ${id}`);
  if (ctx.json) {
    printJson(ctx.term, { storeId: store.id, ...detail });
    return EXIT.ok;
  }
  const c = detail.customer;
  ctx.term.out(`customer ${c.id}: ${c.name ?? '—'} <${c.email ?? '—'}> ${c.taxId ?? ''} ${c.phone ?? ''}\n`);
  ctx.term.out(
    `${detail.totals.orderCount} orders, spent ${money(detail.totals.spentCents)}, last ${when(detail.totals.lastOrderAt)}\n`,
  );
  return EXIT.ok;
}
