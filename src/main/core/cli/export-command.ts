import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { OrderQuery } from '../../../shared/domain/query';
import { isLocale, LOCALES, type Locale } from '../../../shared/i18n/messages';
import { shellLocale } from '../../../shared/i18n/shell-messages';
import { AppError } from '../base/app-error';
import { ChromiumPrinter } from '../export/chromium-printer';
import { keptPrinter, type ExportShell } from '../export/export-service';
import { PDF_KINDS, type PdfKind } from '../export/pdf-export';
import { numberArg, text, type Parsed } from './args';
import { filterQuery } from './browse-commands';
import { pickStore, printJson, type CommandContext } from './context';
import { EXIT, UsageError } from './exit-codes';

export const EXPORT_OPTIONS = {
  store: { type: 'string' },
  kind: { type: 'string' },
  order: { type: 'string', multiple: true },
  customer: { type: 'string' },
  items: { type: 'boolean', default: false },
  separator: { type: 'string' },
  locale: { type: 'string' },
  out: { type: 'string' },
  q: { type: 'string' },
  status: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  'arrived-in': { type: 'string' },
} as const;

/** The CLI is a shell: the path is the one given with --out, and documents print through Chromium. */
export function cliExportShell(out: string | undefined): ExportShell {
  const printer = keptPrinter(() => new ChromiumPrinter());
  return {
    chooseTarget: async () => {
      if (out === undefined)
        throw new AppError('INVALID_INPUT', '--out is needed', { params: { reason: 'field', field: 'out' } });
      return resolve(out);
    },
    delivered: () => ({ download: null, canOpen: false }),
    open: () =>
      Promise.reject(new AppError('NOT_FOUND', 'The CLI does not open files.', { params: { reason: 'export' } })),
    printer: printer.printer,
    close: printer.close,
  };
}

/**
 * The documents' and CSV headers' language: --locale, else English when the environment's language is
 * (LC_ALL, LC_MESSAGES, LANG: the first one set, as POSIX reads them), else Brazilian Portuguese.
 */
export function exportLocale(given: string | undefined, env: NodeJS.ProcessEnv = process.env): Locale {
  if (given !== undefined) {
    if (!isLocale(given)) throw new UsageError(`--locale must be one of ${LOCALES.join(', ')}`);
    return given;
  }
  return shellLocale([env['LC_ALL'] || env['LC_MESSAGES'] || env['LANG'] || '']);
}

const isFolder = (path: string): boolean => {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
};

function orderIds(values: Parsed['values']): number[] | undefined {
  const given = values['order'] as unknown as string[] | undefined;
  if (!given?.length) return undefined;
  return given.flatMap((value) => value.split(',')).map((id) => numberArg(id) ?? Number.NaN);
}

function progress(ctx: CommandContext, jobId: string): () => void {
  if (!ctx.term.stderrIsTty) return () => undefined;
  const off = ctx.api().on('export.progress', (p) => {
    if (p.jobId !== jobId) return;
    const eta = p.etaMs === null ? '' : ` eta ${Math.ceil(p.etaMs / 1000)}s`;
    ctx.raw.err(`\rexport: ${p.done}/${p.total} orders${eta}   `);
  });
  return () => {
    off();
    ctx.raw.err('\n');
  };
}

/** `export pdf …` and `export csv …` (docs/cli.md): the app's export calls, with the path from --out. */
export async function exportCommand(ctx: CommandContext): Promise<number> {
  const what = ctx.positionals[0];
  if (what !== 'pdf' && what !== 'csv') throw new UsageError('export pdf … or export csv …');
  const out = text(ctx.values, 'out');
  if (out === undefined) throw new UsageError('--out FILE (or DIR for one PDF per order) is needed');
  const locale = exportLocale(text(ctx.values, 'locale'));
  const api = ctx.api();
  const store = await pickStore(api, ctx.values);
  const ids = orderIds(ctx.values);
  const query: OrderQuery = { ...filterQuery(ctx.values), sort: { key: 'date', direction: 'desc' } };
  const selection = ids ? { ids } : { query };
  const jobId = `cli-${process.pid}`;
  const interrupt = (): void => void api.call('export.cancel', { jobId }).catch(() => undefined);
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  const stopProgress = progress(ctx, jobId);
  try {
    let outcome;
    if (what === 'csv') {
      const separator = text(ctx.values, 'separator') ?? ';';
      if (separator !== ';' && separator !== ',') throw new UsageError("--separator must be ';' or ','");
      outcome = await api.call('export.csv', {
        storeId: store.id,
        jobId,
        shape: ctx.values['items'] === true ? 'items' : 'orders',
        separator,
        selection,
        locale,
      });
    } else {
      const kind = text(ctx.values, 'kind') as PdfKind | undefined;
      if (!kind || !PDF_KINDS.includes(kind)) throw new UsageError(`--kind must be one of ${PDF_KINDS.join(', ')}`);
      const customer = text(ctx.values, 'customer');
      if (kind === 'customer' && customer === undefined) throw new UsageError('--kind customer needs --customer ID');
      const perOrderFiles = ['order', 'packing-slip', 'declaration'].includes(kind) && isFolder(out);
      outcome = await api.call('export.pdf', {
        storeId: store.id,
        jobId,
        kind,
        locale,
        ...(kind === 'customer' ? { customerId: numberArg(customer) ?? Number.NaN } : { selection }),
        ...(perOrderFiles ? { perOrderFiles } : {}),
      });
    }
    stopProgress();
    if (outcome.status === 'done') {
      if (ctx.json) printJson(ctx.raw, { storeId: store.id, out: resolve(out), ...outcome });
      else {
        const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
        const done =
          what === 'csv'
            ? count(outcome.orders, 'row')
            : `${count(outcome.orders, 'order')}, ${count(outcome.pages, 'page')}`;
        ctx.term.err(`exported ${done} to ${resolve(out)}\n`);
      }
    }
    return EXIT.ok;
  } catch (error) {
    stopProgress();
    throw error;
  } finally {
    process.off('SIGINT', interrupt);
    process.off('SIGTERM', interrupt);
  }
}
