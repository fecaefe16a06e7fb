import { PAINEL_PERIODS, type Figure, type PainelCompare, type PainelPeriod } from '../../../shared/domain/painel';
import { formatMoney, formatNumber } from '../../../shared/format';
import { text } from './args';
import { pickStore, printJson, type CommandContext } from './context';
import { EXIT, UsageError } from './exit-codes';

export const PAINEL_OPTIONS = {
  store: { type: 'string' },
  period: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  compare: { type: 'string' },
} as const;

const money = (cents: number | null): string => (cents === null ? '—' : formatMoney(cents, 'pt-BR'));
const count = (n: number | null): string => (n === null ? '—' : formatNumber(n, 'pt-BR'));
const share = (x: number | null): string => (x === null ? '—' : `${(x * 100).toFixed(1)} %`);
const change = (f: Figure): string =>
  f.changePct === null ? '—' : `${f.changePct >= 0 ? '+' : ''}${f.changePct.toFixed(1)} %`;

function periodOf(ctx: CommandContext): { period: PainelPeriod; from?: string; to?: string } {
  const period = text(ctx.values, 'period');
  const from = text(ctx.values, 'from');
  const to = text(ctx.values, 'to');
  if (from !== undefined || to !== undefined) {
    if (period !== undefined || from === undefined || to === undefined)
      throw new UsageError('give --from and --to together, or --period');
    return { period: 'custom', from, to };
  }
  const p = period ?? '30d';
  if (!(PAINEL_PERIODS as readonly string[]).includes(p) || p === 'custom')
    throw new UsageError(`--period is one of ${PAINEL_PERIODS.filter((x) => x !== 'custom').join(', ')}`);
  return { period: p as PainelPeriod };
}

/** `painel`: the Painel's figures for scripts, through the same call the app's screen makes. */
export async function painelCommand(ctx: CommandContext): Promise<number> {
  const compare = text(ctx.values, 'compare') ?? 'previous';
  if (compare !== 'previous' && compare !== 'lastYear') throw new UsageError('--compare is previous or lastYear');
  const request = { ...periodOf(ctx), compare: compare as PainelCompare };
  const api = ctx.api();
  const store = await pickStore(api, ctx.values);
  const p = await api.call('painel.get', { storeId: store.id, ...request });
  if (ctx.json) {
    printJson(ctx.raw, p);
    return EXIT.ok;
  }
  const line = (label: string, f: Figure, show: (x: number | null) => string): void =>
    ctx.term.out(`${label.padEnd(22)} ${show(f.current).padStart(18)}  (${show(f.previous)}, ${change(f)})\n`);
  ctx.term.out(
    `${p.range.from} – ${p.range.to} (${p.timeZone}) against ${p.previousRange.from} – ${p.previousRange.to}\n`,
  );
  line('revenue', p.revenueCents, money);
  line('orders', p.orders, count);
  line('sales', p.sales, count);
  line('average ticket', p.averageTicketCents, money);
  line('items sold', p.itemsSold, count);
  line('new customers', p.newCustomers, count);
  line('returning customers', p.returningCustomers, count);
  line('awaiting payment', p.awaitingPaymentShare, share);
  line('cancelled or refused', p.cancellationRate, share);
  for (const m of p.byPayment)
    ctx.term.out(
      `  ${(m.alias || '—').padEnd(20)} ${money(m.revenueCents).padStart(18)} ${count(m.orders).padStart(8)} orders, conversion ${share(m.conversion)}\n`,
    );
  return EXIT.ok;
}
