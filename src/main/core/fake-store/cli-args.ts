import { parseArgs } from 'node:util';
import { parseFaultSpec } from './faults';
import type { FakeStoreOptions } from './server';

export class UsageError extends Error {}

export const USAGE = `usage: npm run fake-store -- [--port N] [--orders N] [--customers N] [--seed N] [--alias A]
       [--token T --secret S] [--rate-limit N] [--other-rate-limit N] [--time-scale X] [--no-rate-limit]
       [--quirks] [--list-cache] [--inactive] [--no-auth] [--end-at ISO|now] [--faults SPEC]
SPEC: comma-separated kind=probability[:duration], kinds 5xx, reset, truncate, malformed, drip, latency
      e.g. 5xx=0.2,reset=0.05,truncate=0.05,latency=0.1:500ms`;

const FLAGS = {
  port: { type: 'string' },
  orders: { type: 'string' },
  customers: { type: 'string' },
  seed: { type: 'string' },
  alias: { type: 'string' },
  token: { type: 'string' },
  secret: { type: 'string' },
  'rate-limit': { type: 'string' },
  'other-rate-limit': { type: 'string' },
  'time-scale': { type: 'string' },
  'no-rate-limit': { type: 'boolean' },
  quirks: { type: 'boolean' },
  'list-cache': { type: 'boolean' },
  inactive: { type: 'boolean' },
  'no-auth': { type: 'boolean' },
  'end-at': { type: 'string' },
  faults: { type: 'string' },
} as const;

function int(flag: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < min) throw new UsageError(`--${flag} needs an integer ≥ ${min}`);
  return Number(value);
}

function nonEmpty(flag: string, value: string | undefined): string | undefined {
  if (value === '') throw new UsageError(`--${flag} needs a value`);
  return value;
}

/** Keeps only the options that were given, so the server's defaults apply to the rest. */
function given<T extends object>(options: T): T {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as T;
}

/** Parses the CLI flags into server options; throws UsageError on anything unknown or malformed. */
export function parseCliArgs(argv: readonly string[]): FakeStoreOptions {
  let values;
  try {
    ({ values } = parseArgs({ args: [...argv], options: FLAGS, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.alias !== undefined && !/^[a-z0-9-]+$/i.test(values.alias))
    throw new UsageError('--alias needs letters, digits or dashes');
  let timeScale: number | undefined;
  if (values['time-scale'] !== undefined) {
    timeScale = Number(values['time-scale']);
    if (!Number.isFinite(timeScale) || timeScale <= 0) throw new UsageError('--time-scale needs a positive number');
  }
  let endAt: number | undefined;
  if (values['end-at'] !== undefined) {
    endAt = values['end-at'] === 'now' ? Date.now() : Date.parse(values['end-at']);
    if (!Number.isFinite(endAt)) throw new UsageError('--end-at needs an ISO date or "now"');
  }
  if (values.faults !== undefined) {
    try {
      parseFaultSpec(values.faults);
    } catch (error) {
      throw new UsageError(`--faults: ${(error as Error).message}`);
    }
  }
  return given({
    port: int('port', values.port, 0) ?? 0,
    orders: int('orders', values.orders, 0),
    customers: int('customers', values.customers, 1),
    seed: int('seed', values.seed, 0),
    alias: values.alias,
    token: nonEmpty('token', values.token),
    secret: nonEmpty('secret', values.secret),
    quirks: values.quirks,
    listCache: values['list-cache'],
    active: values.inactive ? false : undefined,
    requireAuth: values['no-auth'] ? false : undefined,
    endAt,
    faults: values.faults,
    rateLimit: given({
      ordersPerMinute: int('rate-limit', values['rate-limit'], 1),
      otherPerMinute: int('other-rate-limit', values['other-rate-limit'], 1),
      enabled: values['no-rate-limit'] ? false : undefined,
      timeScale,
    }),
  });
}
