import { parseFaultSpec } from './faults';
import type { FakeStoreOptions } from './server';

export class UsageError extends Error {}

export const USAGE = `usage: npm run fake-store -- [--port N] [--orders N] [--customers N] [--seed N] [--alias A]
       [--token T --secret S] [--rate-limit N] [--other-rate-limit N] [--time-scale X] [--no-rate-limit]
       [--quirks] [--list-cache] [--inactive] [--no-auth] [--end-at ISO|now] [--faults SPEC]
SPEC: comma-separated kind=probability[:duration], kinds 5xx, reset, truncate, malformed, drip, latency
      e.g. 5xx=0.2,reset=0.05,truncate=0.05,latency=0.1:500ms`;

function int(flag: string, value: string | undefined, min: number): number {
  if (value === undefined || !/^\d+$/.test(value) || Number(value) < min)
    throw new UsageError(`${flag} needs an integer ≥ ${min}`);
  return Number(value);
}

/** Parses the CLI flags into server options; throws UsageError on anything unknown or malformed. */
export function parseCliArgs(argv: readonly string[]): FakeStoreOptions {
  const options: FakeStoreOptions = { port: 0 };
  const rateLimit: NonNullable<FakeStoreOptions['rateLimit']> = {};
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = (): string | undefined => argv[++i];
    switch (flag) {
      case '--port':
        options.port = int(flag, value(), 0);
        break;
      case '--orders':
        options.orders = int(flag, value(), 0);
        break;
      case '--customers':
        options.customers = int(flag, value(), 1);
        break;
      case '--seed':
        options.seed = int(flag, value(), 0);
        break;
      case '--alias': {
        const v = value();
        if (!v || !/^[a-z0-9-]+$/i.test(v)) throw new UsageError('--alias needs letters, digits or dashes');
        options.alias = v;
        break;
      }
      case '--token':
        options.token = value() ?? '';
        if (!options.token) throw new UsageError('--token needs a value');
        break;
      case '--secret':
        options.secret = value() ?? '';
        if (!options.secret) throw new UsageError('--secret needs a value');
        break;
      case '--rate-limit':
        rateLimit.ordersPerMinute = int(flag, value(), 1);
        break;
      case '--other-rate-limit':
        rateLimit.otherPerMinute = int(flag, value(), 1);
        break;
      case '--no-rate-limit':
        rateLimit.enabled = false;
        break;
      case '--time-scale': {
        const v = Number(value());
        if (!Number.isFinite(v) || v <= 0) throw new UsageError('--time-scale needs a positive number');
        rateLimit.timeScale = v;
        break;
      }
      case '--quirks':
        options.quirks = true;
        break;
      case '--list-cache':
        options.listCache = true;
        break;
      case '--inactive':
        options.active = false;
        break;
      case '--no-auth':
        options.requireAuth = false;
        break;
      case '--end-at': {
        const v = value();
        const ms = v === 'now' ? Date.now() : Date.parse(v ?? '');
        if (!Number.isFinite(ms)) throw new UsageError('--end-at needs an ISO date or "now"');
        options.endAt = ms;
        break;
      }
      case '--faults': {
        const spec = value() ?? '';
        try {
          parseFaultSpec(spec);
        } catch (error) {
          throw new UsageError(`--faults: ${(error as Error).message}`);
        }
        options.faults = spec;
        break;
      }
      default:
        throw new UsageError(`unknown argument ${flag}`);
    }
  }
  options.rateLimit = rateLimit;
  return options;
}
