import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { createStoreApi, type ApiEvent, type StoreApiOptions } from '../../src/main/core/api';
import { AppError } from '../../src/main/core/base/app-error';
import { errorMessage } from '../../src/shared/i18n/error-message';
import { closedPort, fastRetry, json, ORDERS_PAGE, startServer, type TestServer } from './server';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function api(baseUrl: string, extra: Partial<StoreApiOptions> = {}) {
  return createStoreApi({
    baseUrl,
    alias: 'loja',
    credentials: { token: 'tok', secret: 'sec' },
    retry: fastRetry,
    rateLimit: { timeScale: 1000 },
    ...extra,
  });
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected the call to fail');
}

describe('store API client: retries', () => {
  it('retries 503 twice, then succeeds, counting two retries', async () => {
    server = await startServer((_req, res, i) =>
      i < 2 ? json(res, 503, { message: 'down' }) : json(res, 200, ORDERS_PAGE),
    );
    const events: ApiEvent[] = [];
    const client = api(server.baseUrl, { onEvent: (e) => events.push(e) });
    const result = await client.listOrders();
    expect(result.totalPages).toBe(1);
    expect(server.seen).toHaveLength(3);
    expect(client.stats().retries['server-error']).toBe(2);
    expect(client.stats().requests).toBe(3);
    expect(events.filter((e) => e.type === 'retry')).toHaveLength(2);
  });

  it('gives SERVER after the attempts run out on a persistent 500', async () => {
    server = await startServer((_req, res) => json(res, 500, { message: 'boom' }));
    const error = await failure(api(server.baseUrl, { retry: { ...fastRetry, maxAttempts: 3 } }).listOrders());
    expect(error.code).toBe('SERVER');
    expect(server.seen).toHaveLength(3);
  });

  it('retries a connection reset in the middle of the body', async () => {
    server = await startServer((_req, res, i) => {
      if (i === 0) {
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '5000' });
        res.write('{"data":[{"id":1},');
        setTimeout(() => res.socket?.destroy(), 20);
        return;
      }
      json(res, 200, ORDERS_PAGE);
    });
    const client = api(server.baseUrl);
    expect((await client.listOrders()).body).toEqual(ORDERS_PAGE);
    expect(server.seen).toHaveLength(2);
    const retries = client.stats().retries;
    expect(retries['connection-reset'] + retries.network).toBe(1);
  });

  it('retries truncated JSON, then gives BAD_RESPONSE when it persists', async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{"data":[{"id":1},');
    });
    const client = api(server.baseUrl, { retry: { ...fastRetry, maxAttempts: 3 } });
    const error = await failure(client.listOrders());
    expect(error.code).toBe('BAD_RESPONSE');
    expect(server.seen).toHaveLength(3);
    expect(client.stats().retries['bad-json']).toBe(2);
  });

  it('recovers when truncated JSON happens once', async () => {
    server = await startServer((_req, res, i) => {
      if (i === 0) {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end('{"data":');
        return;
      }
      json(res, 200, ORDERS_PAGE);
    });
    expect((await api(server.baseUrl).listOrders()).totalPages).toBe(1);
  });

  it('times out a silent server, retries, then gives OFFLINE', async () => {
    server = await startServer(() => {
      // Never answers.
    });
    const client = api(server.baseUrl, { timeoutMs: 150, retry: { ...fastRetry, maxAttempts: 3 } });
    const error = await failure(client.listOrders());
    expect(error.code).toBe('OFFLINE');
    expect(server.seen).toHaveLength(3);
    expect(client.stats().retries.timeout).toBe(2);
  });

  it('times out a body that stalls after the headers', async () => {
    server = await startServer((_req, res, i) => {
      if (i === 0) {
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '100' });
        res.write('{"data":');
        return;
      }
      json(res, 200, ORDERS_PAGE);
    });
    const client = api(server.baseUrl, { timeoutMs: 1_000 });
    expect((await client.listOrders()).totalPages).toBe(1);
    expect(client.stats().retries.timeout).toBe(1);
  });

  it('gives OFFLINE when the connection is refused', async () => {
    const port = await closedPort();
    const client = api(`http://127.0.0.1:${port}`, { retry: { ...fastRetry, maxAttempts: 2 } });
    const error = await failure(client.listOrders());
    expect(error.code).toBe('OFFLINE');
    expect(client.stats().retries['connection-refused']).toBe(1);
  });

  it('maps 401 to AUTH_INVALID with exactly one request', async () => {
    server = await startServer((_req, res) => json(res, 401, { message: 'Unauthenticated.' }));
    const error = await failure(api(server.baseUrl).listOrders());
    expect(error.code).toBe('AUTH_INVALID');
    expect(errorMessage('en', error.toInfo())).toMatch(/^Yampi refused the token or the secret key/);
    expect(server.seen).toHaveLength(1);
  });

  it('maps 403 to STORE_INACTIVE without retrying', async () => {
    server = await startServer((_req, res) => json(res, 403, { message: 'Loja inativa' }));
    expect((await failure(api(server.baseUrl).listCustomers())).code).toBe('STORE_INACTIVE');
    expect(server.seen).toHaveLength(1);
  });

  it('maps 404 on a record to NOT_FOUND and on a collection to a wrong alias', async () => {
    server = await startServer((_req, res) => json(res, 404, { message: 'Not found' }));
    const client = api(server.baseUrl);
    const record = await failure(client.getOrder(123));
    expect(record.code).toBe('NOT_FOUND');
    expect(errorMessage('pt-BR', record.toInfo())).toBe('O pedido 123 não foi encontrado na loja.');
    const store = await failure(client.verify());
    expect(store.code).toBe('STORE_NOT_FOUND');
    expect(errorMessage('en', store.toInfo())).toMatch(/alias/);
    expect(server.seen).toHaveLength(2);
  });

  it("maps 422 to BAD_RESPONSE carrying the server's message", async () => {
    server = await startServer((_req, res) =>
      json(res, 422, { message: 'O campo limit deve ser no máximo 100.', errors: { limit: ['max'] } }),
    );
    const error = await failure(api(server.baseUrl).listOrders());
    expect(error.code).toBe('BAD_RESPONSE');
    expect(error.params).toMatchObject({ status: 422, said: 'O campo limit deve ser no máximo 100.' });
    expect(errorMessage('en', error.toInfo())).toBe(
      'Yampi refused the request (error 422): O campo limit deve ser no máximo 100.',
    );
    expect(server.seen).toHaveLength(1);
  });

  it('backs off on 429 and then succeeds', async () => {
    const times: number[] = [];
    server = await startServer((_req, res, i) => {
      times.push(performance.now());
      if (i === 0)
        json(
          res,
          429,
          { message: 'Too Many Requests', status_code: 429 },
          { 'X-RateLimit-Limit': '120', 'X-RateLimit-Remaining': '0' },
        );
      else json(res, 200, ORDERS_PAGE, { 'X-RateLimit-Limit': '120', 'X-RateLimit-Remaining': '119' });
    });
    // A "minute" of 200 ms: the client must wait about that long before asking again.
    const client = api(server.baseUrl, { rateLimit: { timeScale: 60_000 / 200 } });
    expect((await client.listOrders()).totalPages).toBe(1);
    expect(server.seen).toHaveLength(2);
    expect(times[1] - times[0]).toBeGreaterThanOrEqual(190);
    expect(client.stats().rateLimited).toBe(1);
    expect(client.stats().retries['rate-limited']).toBe(1);
  });

  it('honours Retry-After on 429 (scaled by timeScale)', async () => {
    const times: number[] = [];
    server = await startServer((_req, res, i) => {
      times.push(performance.now());
      if (i === 0)
        json(
          res,
          429,
          { message: 'Too Many Requests', status_code: 429 },
          { 'Retry-After': '3', 'X-RateLimit-Remaining': '0' },
        );
      else json(res, 200, ORDERS_PAGE);
    });
    // 3 "seconds" at 1/10 speed are 300 ms; without Retry-After the wait would be the whole 6 s window.
    const client = api(server.baseUrl, { rateLimit: { timeScale: 10 } });
    await client.listOrders();
    expect(times[1] - times[0]).toBeGreaterThanOrEqual(290);
    expect(times[1] - times[0]).toBeLessThan(3_000);
  });

  it('gives RATE_LIMITED when 429 persists', async () => {
    server = await startServer((_req, res) => json(res, 429, { message: 'Too Many Requests', status_code: 429 }));
    const client = api(server.baseUrl, { retry: { ...fastRetry, maxAttempts: 3 } });
    expect((await failure(client.listOrders())).code).toBe('RATE_LIMITED');
    expect(client.stats().rateLimited).toBe(3);
  });
});

describe('store API client: cancellation', () => {
  it('cancels a request in flight promptly with CANCELLED', async () => {
    server = await startServer(() => {
      // Never answers.
    });
    const controller = new AbortController();
    const client = api(server.baseUrl, { signal: controller.signal, timeoutMs: 20_000 });
    const pending = failure(client.listOrders());
    setTimeout(() => controller.abort(), 100);
    const started = performance.now();
    const error = await pending;
    expect(error.code).toBe('CANCELLED');
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(client.stats().retries.timeout).toBe(0);
  });

  it('cancels during a backoff and while queued behind the rate limiter', async () => {
    server = await startServer((_req, res) => json(res, 503, {}));
    const controller = new AbortController();
    const client = api(server.baseUrl, {
      signal: controller.signal,
      retry: { maxAttempts: 10, baseDelayMs: 10_000, maxDelayMs: 10_000 },
      random: () => 0.99,
      rateLimit: { limits: { orders: 1, other: 1 } },
    });
    const backingOff = failure(client.listOrders());
    const queued = failure(client.getOrder(1));
    await delay(200);
    const started = performance.now();
    controller.abort();
    expect((await backingOff).code).toBe('CANCELLED');
    expect((await queued).code).toBe('CANCELLED');
    expect(performance.now() - started).toBeLessThan(2_000);
    expect((await failure(client.listStatuses())).code).toBe('CANCELLED');
  });
});
