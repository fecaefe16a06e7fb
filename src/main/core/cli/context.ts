import { readFileSync } from 'node:fs';
import type { StoreSummary } from '../../../shared/domain/app';
import type { ApiClient } from '../../../shared/ipc/client';
import type { RateLimiterSettings } from '../api';
import { createCore, type Core } from '../composition';
import { defaultDataDir } from './data-dir';
import { text, type Parsed } from './args';
import { UsageError } from './exit-codes';
import { cliExportShell } from './export-command';
import type { Terminal } from './terminal';

function version(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../../../package.json', import.meta.url), 'utf8')) as {
      version?: string;
    };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

export interface CommandContext {
  /** For people: store data written through it is made inert (./inert.ts). */
  term: Terminal;
  /** The terminal as it is, for --json (exact) and the progress line. */
  raw: Terminal;
  values: Parsed['values'];
  positionals: string[];
  json: boolean;
  /** The core over --data-dir, opened on first use and closed by main. */
  core(rateLimit?: RateLimiterSettings): Core;
  /** The contract's calls through that core's dispatcher, typed: the app's door, its schemas and checks. */
  api(): ApiClient;
}

export function openCore(values: Parsed['values'], rateLimit?: RateLimiterSettings): Core {
  return createCore({
    appName: 'Balcão',
    version: version(),
    dataDir: text(values, 'data-dir') ?? defaultDataDir(),
    shell: 'cli',
    exportShell: cliExportShell(text(values, 'out')),
    ...(rateLimit ? { rateLimit } : {}),
  });
}

/** `--store ID`, or the only store in the data folder. */
export async function pickStore(api: ApiClient, values: Parsed['values']): Promise<StoreSummary> {
  const stores = await api.call('stores.list');
  const wanted = text(values, 'store');
  if (wanted !== undefined) {
    const found = stores.find((s) => s.id === wanted);
    if (!found) throw new UsageError(`no store with id ${wanted} (see: stores list)`);
    return found;
  }
  if (stores.length === 1) return stores[0];
  throw new UsageError(
    stores.length === 0
      ? 'no store in this data folder (see: stores add, sync --base-url)'
      : 'several stores here: choose one with --store ID (see: stores list)',
  );
}

export function printJson(term: Terminal, value: unknown): void {
  term.out(`${JSON.stringify(value, null, 2)}\n`);
}
