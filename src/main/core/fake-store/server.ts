import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import type { AddressInfo } from 'node:net';
import { handleApi, matchRoute, type ApiContext, type ApiResult } from './api-routes';
import { createControl, type ControlState, type FakeStoreControl, type FakeStoreStats } from './control';
import { handleControl } from './control-routes';
import { FaultInjector, parseFaultSpec, type FaultSettings } from './faults';
import { presentCustomer, presentOrder } from './present';
import { DEFAULT_RATE_LIMITS, RateLimiter, type RateLimitSettings, type RouteGroup } from './rate-limit';
import { ScrollSessions } from './scroll-sessions';
import { sendBody, sendError5xx, type Headers } from './send-body';
import { StoreModel } from './store-model';

export interface FakeStoreOptions {
  /** Same seed (and same sizes) → same store, byte for byte. Default 1. */
  seed?: number;
  orders?: number;
  customers?: number;
  alias?: string;
  token?: string;
  secret?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Epoch ms of the newest generated order; default a fixed date (see DEFAULT_END_AT). */
  endAt?: number;
  rateLimit?: Partial<RateLimitSettings>;
  quirks?: boolean;
  listCache?: boolean;
  active?: boolean;
  faults?: string | Partial<FaultSettings>;
  /** The store's clock (rate windows, cache expiry, mutation timestamps). */
  clock?: () => number;
  /** false serves the API without checking credentials (the built-in demo store); /__control/ still checks them. */
  requireAuth?: boolean;
}

export interface FakeStore {
  /** http://127.0.0.1:PORT */
  readonly url: string;
  /** `${url}/v2`: a client builds `${apiBaseUrl}/${alias}/orders`. */
  readonly apiBaseUrl: string;
  readonly alias: string;
  readonly credentials: { token: string; secret: string };
  readonly control: FakeStoreControl;
  /** A live snapshot: each read gives current counters. */
  readonly stats: FakeStoreStats;
  /** The store's truth (generator plus mutations). */
  readonly model: StoreModel;
  /** The canonical (quirk-free) body of an order as `GET /orders/{id}?include=…` would hold it in `data[0]`. */
  expectedOrder(id: number, include?: string): Record<string, unknown> | null;
  expectedCustomer(id: number, include?: string): Record<string, unknown> | null;
  close(): Promise<void>;
}

const LIST_CACHE_MS = 30 * 60_000;

function cacheKey(path: string, params: URLSearchParams): string {
  const copy = [...params].filter(([k]) => k !== 'skipCache').sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `${path}?${new URLSearchParams(copy).toString()}`;
}

function includeSet(include: string | undefined): Set<string> {
  return new Set(
    (include ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );
}

export async function startFakeStore(options: FakeStoreOptions = {}): Promise<FakeStore> {
  const seed = options.seed ?? 1;
  const alias = options.alias ?? 'demo';
  const credentials = { token: options.token ?? 'demo-token', secret: options.secret ?? 'demo-secret' };
  const now = options.clock ?? Date.now;
  const model = new StoreModel({
    seed,
    orders: options.orders ?? 500,
    customers: options.customers ?? 200,
    endAt: options.endAt,
  });
  const limiter = new RateLimiter({ ...DEFAULT_RATE_LIMITS, ...options.rateLimit }, now);
  const faults = new FaultInjector(seed);
  if (options.faults)
    faults.configure(typeof options.faults === 'string' ? parseFaultSpec(options.faults) : options.faults);
  const state: ControlState = {
    active: options.active ?? true,
    quirks: options.quirks ?? false,
    listCache: options.listCache ?? false,
  };
  const listCache = new Map<string, { body: string; expiresAt: number }>();
  const control = createControl(state, model, limiter, faults, now, () => listCache.clear());
  const scrolls = new ScrollSessions(seed);
  const counters = { requests: {} as Record<string, number>, byStatus: {} as Record<string, number>, rateLimited: 0 };
  const snapshot = (): FakeStoreStats => ({
    requests: { ...counters.requests },
    byStatus: { ...counters.byStatus },
    rateLimited: counters.rateLimited,
    faults: { ...faults.counts },
  });

  const count = (route: string) => void (counters.requests[route] = (counters.requests[route] ?? 0) + 1);

  function rateHeaders(group: RouteGroup, decision = limiter.peek(group)): Headers {
    return { 'X-RateLimit-Limit': decision.limit, 'X-RateLimit-Remaining': decision.remaining };
  }

  async function reply(res: ServerResponse, result: ApiResult, headers: Headers): Promise<void> {
    counters.byStatus[result.status] = (counters.byStatus[result.status] ?? 0) + 1;
    await sendBody(res, result.status, headers, JSON.stringify(result.body), null, faults.settings);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const authorized =
      req.headers['user-token'] === credentials.token && req.headers['user-secret-key'] === credentials.secret;

    if (url.pathname.startsWith('/__control/')) {
      count('control');
      if (!authorized) return reply(res, { status: 401, body: { message: 'Unauthenticated.' } }, {});
      return reply(res, await handleControl(req, url.pathname.slice('/__control/'.length), control, snapshot), {});
    }

    const m = /^\/v2\/([^/]+)(\/.*)?$/.exec(url.pathname);
    const route = m && m[1] === alias ? matchRoute(m[2] ?? '') : null;
    const group: RouteGroup = route?.name.startsWith('orders.') ? 'orders' : 'other';
    count(route?.name ?? 'unknown');
    if (!authorized && options.requireAuth !== false)
      return reply(res, { status: 401, body: { message: 'Unauthenticated.' } }, rateHeaders(group));
    if (!state.active)
      return reply(res, { status: 403, body: { message: 'This store is inactive.' } }, rateHeaders(group));
    if (!route) return reply(res, { status: 404, body: { message: 'Not Found.' } }, rateHeaders(group));
    if (req.method !== 'GET')
      return reply(res, { status: 405, body: { message: 'Method Not Allowed.' } }, rateHeaders(group));

    const decision = limiter.take(group);
    const headers = rateHeaders(group, decision);
    if (!decision.allowed) {
      counters.rateLimited++;
      return reply(res, { status: 429, body: { message: 'Too Many Requests', status_code: 429 } }, headers);
    }

    const plan = faults.plan();
    if (plan.latencyMs > 0) await delay(plan.latencyMs);
    if (plan.kind === 'error5xx') {
      counters.byStatus[plan.status!] = (counters.byStatus[plan.status!] ?? 0) + 1;
      return sendError5xx(res, plan.status!, headers);
    }

    const isList = route.name === 'orders.list' || route.name === 'customers.list';
    const cacheable =
      isList &&
      state.listCache &&
      url.searchParams.get('skipCache') !== 'true' &&
      !url.searchParams.has('scroll') &&
      !url.searchParams.has('scroll_id');
    const key = cacheKey(url.pathname, url.searchParams);
    const cached = cacheable ? listCache.get(key) : undefined;
    let status = 200;
    let body: string;
    if (cached && cached.expiresAt > now()) body = cached.body;
    else {
      const ctx: ApiContext = { model, quirks: state.quirks, scrolls };
      const result = handleApi(ctx, route, url.pathname, url.searchParams);
      status = result.status;
      body = JSON.stringify(result.body);
      if (
        isList &&
        state.listCache &&
        status === 200 &&
        !url.searchParams.has('scroll') &&
        !url.searchParams.has('scroll_id')
      ) {
        if (listCache.size > 500) listCache.delete(listCache.keys().next().value as string);
        listCache.set(key, { body, expiresAt: now() + LIST_CACHE_MS / limiter.settings.timeScale });
      }
    }
    counters.byStatus[status] = (counters.byStatus[status] ?? 0) + 1;
    await sendBody(res, status, headers, body, plan.kind, faults.settings);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ message: error instanceof Error ? error.message : 'Server Error' }));
      } else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;

  return {
    url,
    apiBaseUrl: `${url}/v2`,
    alias,
    credentials,
    control,
    get stats() {
      return snapshot();
    },
    model,
    expectedOrder(id, include) {
      const index = model.orderIndexOfId(id);
      return index === null ? null : presentOrder(model.order(index), includeSet(include));
    },
    expectedCustomer(id, include) {
      const index = model.customerIndexOfId(id);
      return index === null ? null : presentCustomer(model.customer(index), includeSet(include));
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
