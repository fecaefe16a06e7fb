import type { StoreSummary } from '../../../shared/domain/app';
import { ApiError } from '../../../shared/errors';
import { text } from './args';
import { printJson, type CommandContext } from './context';
import { describeError, EXIT, UsageError } from './exit-codes';

export const STORES_OPTIONS = {
  alias: { type: 'string' },
  name: { type: 'string' },
  'base-url': { type: 'string' },
  yes: { type: 'boolean', default: false },
} as const;

function line(s: StoreSummary): string {
  const unreadable = s.unreadable.orders + s.unreadable.customers;
  const state = s.lastError
    ? `error: ${describeError(s.lastError)}`
    : s.lastSyncAt
      ? `synced ${s.lastSyncAt}`
      : 'never synced';
  return `${s.id}  ${s.alias}  ${s.name}${s.isDemo ? ' (demo)' : ''}  ${s.orderCount} orders, ${s.customerCount} customers${unreadable > 0 ? `, ${unreadable} unreadable` : ''}  ${state}\n`;
}

/** Token and secret from the environment or a hidden prompt; never from argv (it shows in `ps` and shell history). */
async function credentialsFromUser(ctx: CommandContext): Promise<{ token: string; secret: string }> {
  const token = ctx.term.env('BALCAO_USER_TOKEN');
  const secret = ctx.term.env('BALCAO_USER_SECRET_KEY');
  if (token && secret) return { token, secret };
  if (!ctx.term.stdinIsTty)
    throw new UsageError('set BALCAO_USER_TOKEN and BALCAO_USER_SECRET_KEY, or run on a terminal to be asked');
  const askedToken = await ctx.term.ask('User-Token: ', true);
  const askedSecret = await ctx.term.ask('User-Secret-Key: ', true);
  if (!askedToken || !askedSecret) throw new UsageError('token and secret are both needed');
  return { token: askedToken, secret: askedSecret };
}

export async function storesCommand(ctx: CommandContext): Promise<number> {
  const [sub, id] = ctx.positionals;
  const needsId = sub === 'test' || sub === 'remove';
  if (needsId && id === undefined) throw new UsageError(`stores ${sub} needs a store ID`);
  if (!needsId && id !== undefined) throw new UsageError(`unexpected argument: ${id}`);
  const api = ctx.api();
  switch (sub) {
    case 'list': {
      const stores = await api.call('stores.list');
      if (ctx.json) printJson(ctx.raw, stores);
      else for (const s of stores) ctx.term.out(line(s));
      return EXIT.ok;
    }
    case 'add': {
      const alias = text(ctx.values, 'alias');
      if (!alias) throw new UsageError('stores add needs --alias');
      const credentials = await credentialsFromUser(ctx);
      const name = text(ctx.values, 'name');
      const apiBaseUrl = text(ctx.values, 'base-url');
      const summary = await api.call('stores.add', {
        alias,
        ...credentials,
        ...(name ? { name } : {}),
        ...(apiBaseUrl ? { apiBaseUrl } : {}),
      });
      if (ctx.json) printJson(ctx.raw, summary);
      else ctx.term.out(line(summary));
      return EXIT.ok;
    }
    case 'test': {
      const summary = await api.call('stores.testConnection', { id });
      if (ctx.json) printJson(ctx.raw, summary);
      else ctx.term.out(`ok: ${line(summary)}`);
      return EXIT.ok;
    }
    case 'remove': {
      const summary = (await api.call('stores.list')).find((s) => s.id === id);
      if (!summary) throw new ApiError({ code: 'NOT_FOUND', params: { reason: 'store' } });
      if (ctx.values['yes'] !== true) {
        if (!ctx.term.stdinIsTty) throw new UsageError('stores remove needs --yes when not on a terminal');
        const answer = await ctx.term.ask(
          `Remove “${summary.name}” and its ${summary.orderCount} cached orders and ${summary.customerCount} customers? [y/N] `,
        );
        if (!/^(y|yes|s|sim)$/i.test(answer)) {
          ctx.term.err('not removed\n');
          return EXIT.other;
        }
      }
      await api.call('stores.remove', { id });
      if (ctx.json) printJson(ctx.raw, { removed: id });
      else ctx.term.out(`removed ${id}\n`);
      return EXIT.ok;
    }
    case 'demo': {
      const summary = await api.call('stores.addDemo');
      if (ctx.json) printJson(ctx.raw, summary);
      else ctx.term.out(line(summary));
      return EXIT.ok;
    }
    default:
      throw new UsageError('stores needs one of: list, add, test, remove, demo');
  }
}
