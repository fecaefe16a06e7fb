import { afterEach, describe, expect, it } from 'vitest';
import { createStoreApi, type StoreApiOptions } from '../../src/main/core/api';
import { AppError } from '../../src/main/core/base/app-error';
import { json, ORDERS_PAGE, startServer, type TestServer } from './server';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function api(baseUrl: string, extra: Partial<StoreApiOptions> = {}) {
  return createStoreApi({
    baseUrl,
    alias: 'minha-loja',
    credentials: { token: 'tok-123', secret: 'sec-456' },
    rateLimit: { timeScale: 1000 },
    ...extra,
  });
}

function query(url: string): URLSearchParams {
  return new URL(url, 'http://x').searchParams;
}

describe('store API client: requests', () => {
  it('sends the credentials as User-Token and User-Secret-Key to /{alias}/orders', async () => {
    server = await startServer((_req, res) => json(res, 200, ORDERS_PAGE));
    await api(server.baseUrl).listOrders();
    const [request] = server.seen;
    expect(request.method).toBe('GET');
    expect(new URL(request.url, 'http://x').pathname).toBe('/minha-loja/orders');
    expect(request.headers['user-token']).toBe('tok-123');
    expect(request.headers['user-secret-key']).toBe('sec-456');
    expect(request.headers.accept).toBe('application/json');
  });

  it('builds the order list query: repeated status_id[], day range, include list, sorting, skipCache', async () => {
    server = await startServer((_req, res) => json(res, 200, ORDERS_PAGE));
    await api(server.baseUrl).listOrders({
      page: 3,
      limit: 100,
      include: ['items', 'customer', 'transactions'],
      date: { from: '2024-01-01', to: '2024-01-31' },
      statusIds: [4, '10'],
      q: 'maria souza',
      customerId: 77,
      orderBy: 'created_at',
      sortedBy: 'desc',
      skipCache: true,
    });
    const q = query(server.seen[0].url);
    expect(q.get('page')).toBe('3');
    expect(q.get('limit')).toBe('100');
    expect(q.get('include')).toBe('items,customer,transactions');
    expect(q.get('date')).toBe('created_at:2024-01-01|2024-01-31');
    expect(q.getAll('status_id[]')).toEqual(['4', '10']);
    expect(q.has('status_id')).toBe(false);
    expect(q.get('q')).toBe('maria souza');
    expect(q.get('customer_id')).toBe('77');
    expect(q.get('orderBy')).toBe('created_at');
    expect(q.get('sortedBy')).toBe('desc');
    expect(q.get('skipCache')).toBe('true');
  });

  it('uses one day when the range has no end, and leaves out what was not asked', async () => {
    server = await startServer((_req, res) => json(res, 200, ORDERS_PAGE));
    await api(server.baseUrl).listOrders({ date: { from: '2024-03-05' } });
    const q = query(server.seen[0].url);
    expect(q.get('date')).toBe('created_at:2024-03-05|2024-03-05');
    expect([...q.keys()]).toEqual(['date']);
  });

  it('refuses bad parameters before any request', async () => {
    server = await startServer((_req, res) => json(res, 200, ORDERS_PAGE));
    const client = api(server.baseUrl);
    await expect(client.listOrders({ limit: 101 })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(client.listOrders({ page: 0 })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(client.listOrders({ date: { from: '05/03/2024' } })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(client.getOrder('../customers')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(server.seen).toHaveLength(0);
    expect(() => api(server!.baseUrl, { alias: 'a/b' })).toThrow(AppError);
  });

  it('reads pagination leniently, numbers sent as strings included', async () => {
    server = await startServer((_req, res) =>
      json(res, 200, {
        data: [],
        meta: { pagination: { total: '250', total_pages: '3', current_page: 1, per_page: 'x' } },
      }),
    );
    const result = await api(server.baseUrl).listOrders({ limit: 100 });
    expect(result.totalPages).toBe(3);
    expect(result.total).toBe(250);
    expect(result.pagination).toEqual({ totalPages: 3, total: 250, currentPage: 1, perPage: undefined });
    expect(result.body).toEqual({
      data: [],
      meta: { pagination: { total: '250', total_pages: '3', current_page: 1, per_page: 'x' } },
    });
  });

  it('leaves pagination undefined when meta is missing', async () => {
    server = await startServer((_req, res) => json(res, 200, { data: [] }));
    const result = await api(server.baseUrl).listCustomers({ q: 'ana', limit: 50, include: ['addresses'] });
    expect(result.totalPages).toBeUndefined();
    expect(result.total).toBeUndefined();
    const q = query(server.seen[0].url);
    expect(new URL(server.seen[0].url, 'http://x').pathname).toBe('/minha-loja/customers');
    expect(q.get('q')).toBe('ana');
    expect(q.get('include')).toBe('addresses');
  });

  it('reaches the record, statuses and verify routes', async () => {
    server = await startServer((req, res) =>
      json(res, 200, { data: { id: 9 }, meta: { pagination: { total: 42, total_pages: 42 } } }),
    );
    const client = api(server.baseUrl);
    expect((await client.getOrder(9, ['items', 'status'])).body).toEqual({
      data: { id: 9 },
      meta: { pagination: { total: 42, total_pages: 42 } },
    });
    await client.getCustomer('12');
    await client.listStatuses();
    expect(await client.verify()).toEqual({ totalOrders: 42 });
    const urls = server.seen.map((r) => r.url);
    expect(urls[0]).toBe('/minha-loja/orders/9?include=items%2Cstatus');
    expect(urls[1]).toBe('/minha-loja/customers/12');
    expect(urls[2]).toBe('/minha-loja/checkout/statuses');
    expect(urls[3]).toBe('/minha-loja/orders?limit=1');
  });

  it('counts the records of a list and tries again when its body is not JSON, without parsing the page', async () => {
    const page = { data: [{ id: 1 }, { id: 2 }, { id: 3 }], meta: { pagination: { total: 3, total_pages: 1 } } };
    const text = JSON.stringify(page);
    let calls = 0;
    server = await startServer((_req, res) => {
      calls += 1;
      res.writeHead(200, { 'content-type': 'application/json' });
      // The first answer is cut inside its last record, as a dropped connection leaves it.
      res.end(calls === 1 ? text.slice(0, text.indexOf('{"id":3}') + 5) : text);
    });
    const parse = JSON.parse;
    const parsed: string[] = [];
    JSON.parse = (input: string, ...rest: []) => {
      parsed.push(input);
      return parse(input, ...rest) as unknown;
    };
    try {
      const result = await api(server.baseUrl, { retry: { baseDelayMs: 1, maxDelayMs: 1 } }).listOrders({ limit: 3 });
      expect(calls).toBe(2);
      expect(result.records).toBe(3);
      expect(result.totalPages).toBe(1);
      // Only `meta` was parsed; the page is parsed when (and if) its body is read.
      expect(parsed.some((input) => input.includes('"data"'))).toBe(false);
      expect(result.body).toEqual(page);
    } finally {
      JSON.parse = parse;
    }
  });

  it('keeps a list body read before its bytes were moved, and says so when one is read after', async () => {
    const page = { data: [{ id: 1 }], meta: { pagination: { total: 1, total_pages: 1 } } };
    server = await startServer((_req, res) => json(res, 200, page));
    const client = api(server.baseUrl);
    const read = await client.listOrders();
    expect(read.body).toEqual(page);
    const unread = await client.listOrders();
    structuredClone(read.bytes.buffer, { transfer: [read.bytes.buffer] });
    structuredClone(unread.bytes.buffer, { transfer: [unread.bytes.buffer] });
    expect(read.body).toEqual(page);
    expect(() => unread.body).toThrow(/moved/);
  });

  it('answers BAD_RESPONSE for JSON that is not an object, without retrying', async () => {
    server = await startServer((_req, res) => json(res, 200, [1, 2]));
    await expect(api(server.baseUrl).listStatuses()).rejects.toMatchObject({ code: 'BAD_RESPONSE' });
    expect(server.seen).toHaveLength(1);
  });

  it('does not follow redirects (they would carry the credentials elsewhere)', async () => {
    server = await startServer((_req, res) => {
      res.writeHead(302, { Location: 'http://127.0.0.1:1/steal' });
      res.end();
    });
    await expect(api(server.baseUrl).listOrders()).rejects.toMatchObject({ code: 'BAD_RESPONSE' });
    expect(server.seen).toHaveLength(1);
  });

  it('reports connectivity from real calls', async () => {
    const states: string[] = [];
    server = await startServer((_req, res) => json(res, 200, ORDERS_PAGE));
    const client = api(server.baseUrl, { onConnectivity: (s) => states.push(s), retry: { maxAttempts: 1 } });
    expect(client.connectivity).toBe('unknown');
    await client.listOrders();
    expect(client.connectivity).toBe('online');
    const baseUrl = server.baseUrl;
    await server.close();
    server = undefined;
    const offline = api(baseUrl, { onConnectivity: (s) => states.push(s), retry: { maxAttempts: 1 } });
    await expect(offline.listOrders()).rejects.toMatchObject({ code: 'OFFLINE' });
    expect(offline.connectivity).toBe('offline');
    expect(states).toEqual(['online', 'offline']);
  });
});

describe('store API client: settings', () => {
  it('trims pasted credentials and refuses unusable ones before any request', async () => {
    server = await startServer((_req, res) => json(res, 200, ORDERS_PAGE));
    await api(server.baseUrl, { credentials: { token: ' tok-123\n', secret: 'sec-456\r\n' } }).listOrders();
    expect(server.seen[0].headers['user-token']).toBe('tok-123');
    expect(server.seen[0].headers['user-secret-key']).toBe('sec-456');
    expect(() => api(server!.baseUrl, { credentials: { token: 'a b', secret: 'x' } })).toThrow(AppError);
    expect(() => api(server!.baseUrl, { credentials: { token: 'tok', secret: '' } })).toThrow(AppError);
    expect(server.seen).toHaveLength(1);
  });
});
