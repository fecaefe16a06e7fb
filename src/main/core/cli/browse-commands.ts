import type { OrderQuery } from '../../../shared/domain/query';
import { formatInstant, formatMoney } from '../../../shared/format';
import { numberArg, text, type Parsed } from './args';
import { pickStore, printJson, type CommandContext } from './context';
import { EXIT } from './exit-codes';

export const ORDERS_OPTIONS = {
  store: { type: 'string' },
  q: { type: 'string' },
  status: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  'arrived-in': { type: 'string' },
  limit: { type: 'string' },
} as const;

export const ONE_OPTIONS = { store: { type: 'string' } } as const;

export const CUSTOMERS_OPTIONS = {
  store: { type: 'string' },
  q: { type: 'string' },
  limit: { type: 'string' },
} as const;

const DEFAULT_LIMIT = 50;

const money = (cents: number | null): string => (cents === null ? '—' : formatMoney(cents, 'pt-BR'));
const when = (t: { utc: string; zone: string } | null): string =>
  t === null ? '—' : formatInstant(t.utc, t.zone, 'pt-BR');
const cell = (value: unknown, width: number): string =>
  String(value ?? '—')
    .slice(0, width)
    .padEnd(width);

// Every command below asks the core through the contract (ctx.api()), as the app's screens do: the flags become
// the same call inputs, checked by the same schemas.

/**
 * The order filter of --q, --status, --from, --to and --arrived-in (the runs `sync` named as bringing new orders),
 * as `orders` and `export` take it.
 */
export function filterQuery(values: Parsed['values']): OrderQuery {
  const status = text(values, 'status');
  const q = text(values, 'q');
  const from = text(values, 'from');
  const to = text(values, 'to');
  const arrivedIn = text(values, 'arrived-in');
  return {
    ...(q !== undefined ? { search: q } : {}),
    ...(status !== undefined ? { statuses: status.split(',') } : {}),
    ...(from !== undefined ? { from } : {}),
    ...(to !== undefined ? { to } : {}),
    ...(arrivedIn !== undefined ? { arrivedIn: arrivedIn.split(',').map((run) => numberArg(run) ?? Number.NaN) } : {}),
  };
}

export async function ordersCommand(ctx: CommandContext): Promise<number> {
  const api = ctx.api();
  const store = await pickStore(api, ctx.values);
  const query: OrderQuery = {
    limit: numberArg(text(ctx.values, 'limit')) ?? DEFAULT_LIMIT,
    ...filterQuery(ctx.values),
  };
  const page = await api.call('orders.list', { storeId: store.id, query });
  if (ctx.json) {
    printJson(ctx.raw, { storeId: store.id, total: page.total, totalIsExact: page.totalIsExact, rows: page.rows });
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

export async function orderCommand(ctx: CommandContext): Promise<number> {
  const api = ctx.api();
  const store = await pickStore(api, ctx.values);
  const detail = await api.call('orders.get', { storeId: store.id, orderId: numberArg(ctx.positionals[0]) ?? NaN });
  if (ctx.json) {
    printJson(ctx.raw, { storeId: store.id, ...detail });
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

export async function customersCommand(ctx: CommandContext): Promise<number> {
  const api = ctx.api();
  const store = await pickStore(api, ctx.values);
  const q = text(ctx.values, 'q');
  const page = await api.call('customers.list', {
    storeId: store.id,
    query: {
      limit: numberArg(text(ctx.values, 'limit')) ?? DEFAULT_LIMIT,
      ...(q !== undefined ? { search: q } : {}),
    },
  });
  if (ctx.json) {
    printJson(ctx.raw, { storeId: store.id, total: page.total, totalIsExact: page.totalIsExact, rows: page.rows });
    return EXIT.ok;
  }
  for (const c of page.rows)
    ctx.term.out(`${cell(c.id, 9)} ${cell(c.name, 30)} ${cell(c.email, 32)} ${c.orderCount} orders\n`);
  const unreadable = store.unreadable.customers;
  ctx.term.err(
    `${page.rows.length} of ${page.total} customers${unreadable > 0 ? ` (${unreadable} unreadable records kept raw)` : ''}\n`,
  );
  return EXIT.ok;
}

export async function customerCommand(ctx: CommandContext): Promise<number> {
  const api = ctx.api();
  const store = await pickStore(api, ctx.values);
  const detail = await api.call('customers.get', {
    storeId: store.id,
    customerId: numberArg(ctx.positionals[0]) ?? NaN,
  });
  if (ctx.json) {
    printJson(ctx.raw, { storeId: store.id, ...detail });
    return EXIT.ok;
  }
  const c = detail.customer;
  ctx.term.out(`customer ${c.id}: ${c.name ?? '—'} <${c.email ?? '—'}> ${c.taxId ?? ''} ${c.phone ?? ''}\n`);
  ctx.term.out(
    `${detail.totals.orderCount} orders, spent ${money(detail.totals.spentCents)}, last ${when(detail.totals.lastOrderAt)}\n`,
  );
  return EXIT.ok;
}
