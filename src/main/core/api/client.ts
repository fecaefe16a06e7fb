import { performance } from 'node:perf_hooks';
import { AppError } from '../base/app-error';
import { cancelledError, exhaustedError, finalHttpError, appError, networkReason, type RouteKind } from './http-errors';
import { readListBody, type ListBody } from './list-body';
import { readPagination, lenientNumber } from './pagination';
import { customerListQuery, includeValue, orderListQuery, recordId } from './query';
import { createRateLimiter, type RateLimiter, type RateLimiterSettings } from './rate-limiter';
import {
  backoffDelay,
  DEFAULT_RETRY,
  parseRetryAfter,
  sleep as realSleep,
  type RetryPolicy,
  type Sleep,
} from './retry';
import type {
  ApiEvent,
  ApiListResult,
  ApiResult,
  ApiStats,
  Connectivity,
  RetryReason,
  RouteGroup,
  StoreApi,
} from './types';

/** Bodies are read as bytes (a list page waits for the writer as them) and decoded as `Response.text()` would. */
const utf8 = new TextDecoder();

export const DEFAULT_BASE_URL = 'https://api.dooki.com.br/v2';
export const DEFAULT_TIMEOUT_MS = 30_000;

export interface StoreApiOptions {
  /** Without the alias; tests point it at 127.0.0.1. */
  baseUrl?: string;
  alias: string;
  credentials: { token: string; secret: string };
  /** Per attempt: connecting, headers and the whole body. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Settings for a limiter of this client's own; ignored when `limiter` is given. */
  rateLimit?: RateLimiterSettings;
  /**
   * The store limits per source IP, so clients of several stores in one app
   * should share one limiter.
   */
  limiter?: RateLimiter;
  fetch?: typeof fetch;
  sleep?: Sleep;
  /** In [0, 1); drives the backoff jitter. */
  random?: () => number;
  /** Cancels every call in progress and every later one with CANCELLED. */
  signal?: AbortSignal;
  /** Called with each observable step; never receives credentials or headers. */
  onEvent?: (event: ApiEvent) => void;
  /** Called when the outcome of real calls changes between reaching the store and not reaching it. */
  onConnectivity?: (state: Connectivity) => void;
  userAgent?: string;
}

interface Route {
  group: RouteGroup;
  /** Relative to the store, without query: what observers see. */
  path: string;
  query?: URLSearchParams;
  kind: RouteKind;
}

/** A 2xx body read: a list's as ListBody (its records are parsed where they are written), any other parsed. */
type Read = { list: ListBody } | { body: unknown };

type Attempt =
  | { ok: true; read: Read; bytes: Uint8Array }
  | { ok: false; reason: RetryReason; status?: number; retryAfterMs?: number };

/** Null when the body is not JSON. */
function readBody(bytes: Uint8Array, kind: RouteKind): Read | null {
  if (kind.kind === 'collection') {
    const list = readListBody(bytes);
    return list === null ? null : { list };
  }
  try {
    return { body: JSON.parse(utf8.decode(bytes)) as unknown };
  } catch {
    return null;
  }
}

function isObject(read: Read): boolean {
  if ('list' in read) return read.list.object;
  return read.body !== null && typeof read.body === 'object' && !Array.isArray(read.body);
}

const ALIAS = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
const HEADER_VALUE = /^[\x21-\x7e]+$/;

function emptyStats(): ApiStats {
  return {
    requests: 0,
    rateLimited: 0,
    retries: {
      'connection-refused': 0,
      'connection-reset': 0,
      dns: 0,
      network: 0,
      timeout: 0,
      'bad-json': 0,
      'server-error': 0,
      'rate-limited': 0,
    },
    waits: 0,
    waitedMs: 0,
    failures: 0,
  };
}

export function createStoreApi(options: StoreApiOptions): StoreApi {
  // Checked at run time too: the settings screen may hand over whatever the person typed.
  // A pasted credential often ends in a newline, which fetch would refuse as a header value (and we would
  // misreport as OFFLINE): trim it, and refuse anything still unusable in a header before any request.
  const token = typeof options.credentials?.token === 'string' ? options.credentials.token.trim() : '';
  const secret = typeof options.credentials?.secret === 'string' ? options.credentials.secret.trim() : '';
  if (typeof options.alias !== 'string' || !ALIAS.test(options.alias)) {
    throw new AppError('INVALID_INPUT', 'invalid store alias', { params: { reason: 'alias' } });
  }
  if (!HEADER_VALUE.test(token) || !HEADER_VALUE.test(secret)) {
    throw new AppError('INVALID_INPUT', 'token or secret unusable in a header', {
      params: { reason: 'credentialsFormat' },
    });
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const policy: RetryPolicy = { ...DEFAULT_RETRY, ...options.retry };
  if (!(timeoutMs > 0) || !Number.isInteger(policy.maxAttempts) || policy.maxAttempts < 1) {
    throw new RangeError('timeoutMs must be positive and retry.maxAttempts a positive integer');
  }
  const secrets = [token, secret];
  const storeUrl = `${(options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '')}/${options.alias}`;
  const limiter = options.limiter ?? createRateLimiter(options.rateLimit);
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const sleep = options.sleep ?? realSleep;
  const random = options.random ?? Math.random;
  const signal = options.signal;
  const stats = emptyStats();
  let connectivity: Connectivity | 'unknown' = 'unknown';

  // Built once and handed only to fetch: never stored on errors or events.
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'User-Token': token,
    'User-Secret-Key': secret,
  };
  if (options.userAgent) headers['User-Agent'] = options.userAgent;

  function emit(event: ApiEvent): void {
    if (!options.onEvent) return;
    try {
      options.onEvent(event);
    } catch {
      // An observer's bug must not fail a sync.
    }
  }

  function report(state: Connectivity): void {
    if (state === connectivity) return;
    connectivity = state;
    try {
      options.onConnectivity?.(state);
    } catch {
      // As above.
    }
  }

  async function attemptOnce(route: Route, attempt: number): Promise<Attempt> {
    if (signal?.aborted) throw cancelledError();
    const ticket = await limiter.acquire(route.group, signal);
    if (signal?.aborted) {
      // An abort between the grant and here would fire no listener below.
      ticket.release();
      throw cancelledError();
    }
    if (ticket.waitedMs > 0) {
      stats.waits += 1;
      stats.waitedMs += ticket.waitedMs;
      emit({ type: 'wait', group: route.group, waitedMs: ticket.waitedMs });
    }
    const controller = new AbortController();
    let timedOut = false;
    const onAbort = (): void => controller.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const started = performance.now();
    stats.requests += 1;
    emit({ type: 'request', group: route.group, path: route.path, attempt });

    const networkFailure = (error: unknown): Attempt => {
      ticket.release();
      if (signal?.aborted) throw cancelledError();
      const reason: RetryReason = timedOut ? 'timeout' : networkReason(error);
      emit({
        type: 'network-error',
        group: route.group,
        path: route.path,
        attempt,
        reason,
        durationMs: performance.now() - started,
      });
      report('offline');
      return { ok: false, reason };
    };

    try {
      const query = route.query?.toString();
      const url = `${storeUrl}${route.path}${query ? `?${query}` : ''}`;
      let response: Response;
      try {
        // Following a redirect would send the credentials wherever the Location points.
        response = await fetchImpl(url, { method: 'GET', headers, signal: controller.signal, redirect: 'manual' });
      } catch (error) {
        return networkFailure(error);
      }
      ticket.release();
      const remaining = lenientNumber(response.headers.get('x-ratelimit-remaining'));
      limiter.observe(route.group, { limit: lenientNumber(response.headers.get('x-ratelimit-limit')), remaining });

      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(await response.arrayBuffer());
      } catch (error) {
        return networkFailure(error);
      }
      report('online');
      const status = response.status;
      emit({
        type: 'response',
        group: route.group,
        path: route.path,
        attempt,
        status,
        durationMs: performance.now() - started,
        ...(remaining === undefined ? {} : { rateLimitRemaining: remaining }),
      });

      if (status === 429 || status >= 500) {
        const retryAfter = parseRetryAfter(response.headers.get('retry-after'), Date.now());
        const retryAfterMs =
          retryAfter === undefined ? undefined : Math.min(policy.maxRetryAfterMs, retryAfter / limiter.timeScale);
        if (status === 429) {
          stats.rateLimited += 1;
          // Without Retry-After, a whole window is the shortest wait sure to reach a fresh server window.
          limiter.pause(route.group, retryAfterMs);
        }
        return {
          ok: false,
          reason: status === 429 ? 'rate-limited' : 'server-error',
          status,
          ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
        };
      }

      if (status >= 200 && status < 300) {
        // Each answer is read in a turn of the event loop of its own: answers that arrive together (a list keeps 8
        // requests in flight) would otherwise be read back to back in one turn, and a record's answer is parsed.
        await new Promise((resolve) => setImmediate(resolve));
        const read = readBody(bytes, route.kind);
        if (read === null) return { ok: false, reason: 'bad-json', status };
        return { ok: true, read, bytes };
      }
      let body: unknown = undefined;
      try {
        body = JSON.parse(utf8.decode(bytes));
      } catch {
        // Error bodies may be empty or HTML.
      }
      throw finalHttpError(status, body, route.kind, secrets, attempt);
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  async function call(route: Route): Promise<{ read: Read; bytes: Uint8Array }> {
    for (let attempt = 1; ; attempt += 1) {
      let outcome: Attempt;
      try {
        outcome = await attemptOnce(route, attempt);
      } catch (error) {
        if (error instanceof AppError && error.code !== 'CANCELLED') {
          stats.failures += 1;
          emit({ type: 'failure', group: route.group, path: route.path, attempts: attempt, code: error.code });
        }
        throw error;
      }
      if (outcome.ok) {
        if (!isObject(outcome.read)) {
          stats.failures += 1;
          emit({ type: 'failure', group: route.group, path: route.path, attempts: attempt, code: 'BAD_RESPONSE' });
          throw appError('BAD_RESPONSE', 'shape', { reason: 'http', status: 200, attempts: attempt });
        }
        return { read: outcome.read, bytes: outcome.bytes };
      }
      if (attempt >= policy.maxAttempts) {
        const error = exhaustedError(outcome.reason, outcome.status, attempt);
        stats.failures += 1;
        emit({ type: 'failure', group: route.group, path: route.path, attempts: attempt, code: error.code });
        throw error;
      }
      const delayMs = Math.max(backoffDelay(policy, attempt, random), outcome.retryAfterMs ?? 0);
      stats.retries[outcome.reason] += 1;
      emit({ type: 'retry', group: route.group, path: route.path, attempt, reason: outcome.reason, delayMs });
      await sleep(delayMs, signal);
    }
  }

  async function list(route: Route): Promise<ApiListResult> {
    const { read, bytes } = await call(route);
    if (!('list' in read)) throw new Error('a list route read as a record');
    const pagination = readPagination({ meta: read.list.meta });
    let body: { value: unknown } | null = null;
    return {
      get body() {
        if (body === null && bytes.byteLength === 0)
          throw new Error("a list body read after its bytes were moved to the writer's thread");
        body ??= { value: JSON.parse(utf8.decode(bytes)) };
        return body.value;
      },
      bytes,
      records: read.list.records,
      totalPages: pagination.totalPages,
      total: pagination.total,
      pagination,
    };
  }

  async function record(route: Route): Promise<ApiResult> {
    const { read } = await call(route);
    if (!('body' in read)) throw new Error('a record route read as a list');
    return { body: read.body };
  }

  function includeQuery(include: readonly string[] | undefined): URLSearchParams | undefined {
    const value = includeValue(include);
    return value ? new URLSearchParams({ include: value }) : undefined;
  }

  const collection: RouteKind = { kind: 'collection' };

  return {
    listOrders: async (params) =>
      list({ group: 'orders', path: '/orders', query: orderListQuery(params), kind: collection }),
    getOrder: async (id, include): Promise<ApiResult> =>
      record({
        group: 'orders',
        path: `/orders/${recordId(id)}`,
        query: includeQuery(include),
        kind: { kind: 'record', record: 'apiOrder', id: recordId(id) },
      }),
    listCustomers: async (params) =>
      list({ group: 'other', path: '/customers', query: customerListQuery(params), kind: collection }),
    getCustomer: async (id, include): Promise<ApiResult> =>
      record({
        group: 'other',
        path: `/customers/${recordId(id)}`,
        query: includeQuery(include),
        kind: { kind: 'record', record: 'apiCustomer', id: recordId(id) },
      }),
    listStatuses: async () => list({ group: 'other', path: '/checkout/statuses', kind: collection }),
    /**
     * `GET /orders?limit=1`: the order list is the most widely confirmed route, it needs exactly the access a
     * sync needs (statuses are "seen once" and could be scoped differently), its budget is the larger one
     * (120/min), one order is a small body, and it returns the order count for the connect screen.
     */
    verify: async () => {
      const result = await list({
        group: 'orders',
        path: '/orders',
        query: orderListQuery({ limit: 1 }),
        kind: collection,
      });
      return { totalOrders: result.total };
    },
    stats: () => structuredClone(stats),
    get connectivity() {
      return connectivity;
    },
  };
}
