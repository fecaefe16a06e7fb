import {
  createRateLimiter,
  createStoreApi,
  type ApiEvent,
  type RateLimiter,
  type RateLimiterSettings,
  type RetryPolicy,
  type StoreApi,
} from '../api';
import type { ConnectivityTracker } from '../connectivity';
import type { Redactor } from '../log/redactor';
import type { StoreCredentials } from '../secrets/secret-store';

export interface ApiTarget {
  alias: string;
  apiBaseUrl: string;
}

export interface StoreApiFactoryOptions {
  connectivity: ConnectivityTracker;
  redactor: Redactor;
  rateLimit?: RateLimiterSettings;
  timeoutMs?: number;
  /** Whether calls to this base URL say anything about the internet (the demo store's do not). */
  reportsConnectivity?: (apiBaseUrl: string) => boolean;
}

export type StoreApiFactory = (
  target: ApiTarget,
  credentials: StoreCredentials,
  extra?: {
    signal?: AbortSignal;
    onEvent?: (event: ApiEvent) => void;
    /** For a quick check (connectivity): fewer attempts, a shorter timeout. */
    retry?: Partial<RetryPolicy>;
    timeoutMs?: number;
  },
) => StoreApi;

/**
 * Builds API clients that share what must be shared: the platform limits per
 * source IP, so every client of one API host shares one limiter, and every real
 * call feeds the connectivity state.
 */
export function createStoreApiFactory(options: StoreApiFactoryOptions): StoreApiFactory {
  const limiters = new Map<string, RateLimiter>();
  return (target, credentials, extra = {}) => {
    const host = new URL(target.apiBaseUrl).host;
    let limiter = limiters.get(host);
    if (!limiter) {
      limiter = createRateLimiter(options.rateLimit ?? {});
      limiters.set(host, limiter);
    }
    options.redactor.add(credentials.token, credentials.secret);
    const reports = options.reportsConnectivity?.(target.apiBaseUrl) ?? true;
    return createStoreApi({
      baseUrl: target.apiBaseUrl,
      alias: target.alias,
      credentials,
      limiter,
      ...(extra.timeoutMs || options.timeoutMs ? { timeoutMs: extra.timeoutMs ?? options.timeoutMs } : {}),
      ...(extra.retry ? { retry: extra.retry } : {}),
      ...(extra.signal ? { signal: extra.signal } : {}),
      ...(extra.onEvent ? { onEvent: extra.onEvent } : {}),
      ...(reports ? { onConnectivity: (state) => options.connectivity.report(state) } : {}),
    });
  };
}
