// `npm run balcao -- <command>`: the headless shell over the same core as the app (docs/cli.md).
import { ApiError } from '../../../shared/errors';
import { AppError } from '../base/app-error';
import type { Core } from '../composition';
import { inProcessClient } from '../ipc/in-process-client';
import { parse } from './args';
import {
  customerCommand,
  customersCommand,
  CUSTOMERS_OPTIONS,
  ONE_OPTIONS,
  orderCommand,
  ordersCommand,
  ORDERS_OPTIONS,
} from './browse-commands';
import { openCore, type CommandContext } from './context';
import { PAINEL_OPTIONS, painelCommand } from './painel-command';
import { describeError, EXIT, exitCodeFor, Interrupted, UsageError } from './exit-codes';
import { STORES_OPTIONS, storesCommand } from './stores-commands';
import { SYNC_OPTIONS, syncCommand } from './sync-command';
import { EXPORT_OPTIONS, exportCommand } from './export-command';
import { inertTerminal } from './inert';
import { processTerminal, type Terminal } from './terminal';

export const USAGE = `usage: npm run balcao -- <command> [--data-dir DIR] [--json]
  sync --store ID [--mode auto|full|incremental]
  sync --watch [--interval off|5m|10m|15m|30m|60m]  (every store, until Ctrl-C)
  sync --base-url URL --alias A [--mode …]      (credentials from BALCAO_USER_TOKEN / BALCAO_USER_SECRET_KEY)
  orders [--store ID] [--q TEXT] [--status ALIAS] [--from YYYY-MM-DD --to YYYY-MM-DD] [--arrived-in RUN[,RUN]] [--limit N]
  order ID [--store ID]
  customers [--store ID] [--q TEXT] [--limit N]
  customer ID [--store ID]
  stores list | add --alias A [--name N] [--base-url URL] | test ID | remove ID [--yes] | demo
  export pdf --kind order|packing-slip|declaration|picking|report|customer
             [--order ID… | --customer ID | --q/--status/--from/--to] --out FILE|DIR [--store ID] [--locale pt-BR|en]
  export csv [--items] [--q/--status/--from/--to | --order ID…] [--separator ';'|','] --out FILE [--store ID]
             [--locale pt-BR|en]  (default: en when LC_ALL/LC_MESSAGES/LANG is English, else pt-BR)
  painel [--store ID] [--period today|yesterday|7d|30d|90d|thisMonth|lastMonth|thisYear | --from D --to D] [--compare previous|lastYear]
exit codes: 0 ok, 2 usage, 3 auth, 4 offline, 5 other, 6 nothing to export, 7 cannot write, 8 no Chromium,
  130 interrupted`;

type Command = (ctx: CommandContext) => number | Promise<number>;

const COMMANDS: Record<
  string,
  { options: Parameters<typeof parse>[1]; positionals: { min: number; max: number }; run: Command }
> = {
  sync: { options: SYNC_OPTIONS, positionals: { min: 0, max: 0 }, run: syncCommand },
  orders: { options: ORDERS_OPTIONS, positionals: { min: 0, max: 0 }, run: ordersCommand },
  order: { options: ONE_OPTIONS, positionals: { min: 1, max: 1 }, run: orderCommand },
  customers: { options: CUSTOMERS_OPTIONS, positionals: { min: 0, max: 0 }, run: customersCommand },
  customer: { options: ONE_OPTIONS, positionals: { min: 1, max: 1 }, run: customerCommand },
  stores: { options: STORES_OPTIONS, positionals: { min: 1, max: 2 }, run: storesCommand },
  export: { options: EXPORT_OPTIONS, positionals: { min: 1, max: 1 }, run: exportCommand },
  painel: { options: PAINEL_OPTIONS, positionals: { min: 0, max: 0 }, run: painelCommand },
};

export async function runCli(argv: readonly string[], raw: Terminal): Promise<number> {
  const term = inertTerminal(raw);
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? term.err : term.out)(`${USAGE}\n`);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const command = COMMANDS[name];
  let core: Core | null = null;
  try {
    if (!command) throw new UsageError(`unknown command: ${name}`);
    const { values, positionals } = parse(rest, command.options, command.positionals);
    if (values['help'] === true) {
      term.out(`${USAGE}\n`);
      return EXIT.ok;
    }
    const ctx: CommandContext = {
      term,
      raw,
      values,
      positionals,
      json: values['json'] === true,
      core: (rateLimit) => {
        if (core === null) {
          core = openCore(values, rateLimit);
          // A damaged cache set aside and started afresh at open: said before the command's own output.
          if (core.recovered) term.err(`balcao: ${describeError(core.recovered)}\n`);
        }
        return core;
      },
      api: () => inProcessClient(ctx.core()),
    };
    return await command.run(ctx);
  } catch (error) {
    if (error instanceof UsageError) {
      term.err(`balcao: ${error.message}\n${USAGE}\n`);
      return EXIT.usage;
    }
    if (error instanceof Interrupted) {
      term.err('balcao: interrupted; nothing was changed\n');
      return EXIT.interrupted;
    }
    // A refused call (ApiError), or the core failing to open (AppError, e.g. DATABASE_TOO_NEW): code and words.
    if (error instanceof ApiError || error instanceof AppError) {
      term.err(`balcao: ${describeError(error.toInfo())}\n`);
      return exitCodeFor(error.code);
    }
    // Anything else may quote a request or a path: only its kind goes out.
    term.err(
      `balcao: unexpected error (${error instanceof Error ? error.name : typeof error}); see the log in the data folder\n`,
    );
    const opened = core as Core | null;
    opened?.log.error('cli failed unexpectedly', { error });
    return EXIT.other;
  } finally {
    const opened = core as Core | null;
    if (opened) await opened.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('cli/main.ts')) {
  runCli(process.argv.slice(2), processTerminal()).then(
    (code) => {
      process.exitCode = code;
    },
    () => {
      process.exitCode = EXIT.other;
    },
  );
}
