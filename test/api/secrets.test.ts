import { afterEach, describe, expect, it } from 'vitest';
import { createStoreApi, type ApiEvent, type StoreApiOptions } from '../../src/main/core/api';
import { AppError } from '../../src/main/core/base/app-error';
import { echoes, escapedForms } from '../helpers/secret-forms';
import { closedPort, json, startServer, type TestServer } from './server';

const TOKEN = 'TOKEN-zq81-distinctive-VALUE';
const SECRET = 'SECRET-k3p0-distinctive-VALUE';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Everything an error exposes, its `cause` chain included, as text. */
function exposed(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 10 && current !== undefined && current !== null; depth += 1) {
    parts.push(String(current));
    if (current instanceof Error) {
      parts.push(current.message, current.stack ?? '');
      parts.push(JSON.stringify({ ...current, name: current.name, message: current.message }));
      if (current instanceof AppError) parts.push(JSON.stringify(current.toInfo()));
      current = current.cause;
    } else {
      parts.push(JSON.stringify(current));
      current = typeof current === 'object' ? (current as { cause?: unknown }).cause : undefined;
    }
  }
  return parts.join('\n');
}

describe('store API client: credentials never leak', () => {
  it('keeps the token and the secret out of every error and every observability event', async () => {
    // The server echoes what it received into its messages, the worst case for leaking.
    server = await startServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      const echo = `got ${String(req.headers['user-token'])} / ${String(req.headers['user-secret-key'])}`;
      const kind = path.split('/')[1];
      switch (kind) {
        case 'e401':
          return json(res, 401, { message: echo });
        case 'e403':
          return json(res, 403, { message: echo });
        case 'e404':
          return json(res, 404, { message: echo });
        case 'e422':
          return json(res, 422, { message: echo, errors: { token: [echo] } });
        case 'e400':
          return json(res, 400, { message: echo });
        case 'e500':
          return json(res, 500, { message: echo });
        case 'e429':
          return json(res, 429, { message: echo, status_code: 429 });
        case 'truncated':
          res.writeHead(200, { 'Content-Type': 'application/json' });
          return res.end(`{"message":"${echo}"`);
        case 'reset':
          res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '9999' });
          res.write(`{"message":"${echo}"`);
          return void setTimeout(() => res.socket?.destroy(), 10);
        case 'shape':
          return json(res, 200, [echo]);
        case 'redirect':
          res.writeHead(302, { Location: `http://127.0.0.1:1/${TOKEN}` });
          return res.end();
        case 'silent':
          return;
        default:
          return json(res, 200, { data: [] });
      }
    });

    const events: ApiEvent[] = [];
    const controller = new AbortController();
    const base: StoreApiOptions = {
      baseUrl: server.baseUrl,
      alias: 'x',
      credentials: { token: TOKEN, secret: SECRET },
      // Long enough for a loaded machine's first request; only the silent server's client times out on purpose.
      timeoutMs: 5_000,
      retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2 },
      rateLimit: { timeScale: 2000 },
      onEvent: (e) => events.push(e),
    };
    const clients = {
      alias: (alias: string) => createStoreApi({ ...base, alias }),
    };
    const port = await closedPort();
    const attempts: Array<[string, () => Promise<unknown>]> = [
      ['401', () => clients.alias('e401').listOrders()],
      ['403', () => clients.alias('e403').listOrders()],
      ['404 record', () => clients.alias('e404').getOrder(5)],
      ['404 alias', () => clients.alias('e404').verify()],
      ['422', () => clients.alias('e422').listOrders()],
      ['400', () => clients.alias('e400').listCustomers()],
      ['500', () => clients.alias('e500').listOrders()],
      ['429', () => clients.alias('e429').listStatuses()],
      ['truncated', () => clients.alias('truncated').listOrders()],
      ['reset', () => clients.alias('reset').listOrders()],
      ['shape', () => clients.alias('shape').listOrders()],
      ['redirect', () => clients.alias('redirect').listOrders()],
      ['timeout', () => createStoreApi({ ...base, alias: 'silent', timeoutMs: 200 }).listOrders()],
      ['refused', () => createStoreApi({ ...base, baseUrl: `http://127.0.0.1:${port}` }).listOrders()],
      [
        'fetch throws with the request in its message',
        () =>
          createStoreApi({
            ...base,
            fetch: async (_url, init) => {
              throw new Error(`failed ${JSON.stringify(init?.headers)}`, { cause: init });
            },
          }).listOrders(),
      ],
      ['invalid input', () => clients.alias('ok').listOrders({ limit: 1000 })],
      [
        'cancelled',
        () => {
          const p = createStoreApi({
            ...base,
            alias: 'silent',
            timeoutMs: 10_000,
            signal: controller.signal,
          }).listOrders();
          setTimeout(() => controller.abort(), 50);
          return p;
        },
      ],
    ];

    const codes: Record<string, string> = {};
    for (const [name, run] of attempts) {
      let caught: unknown;
      try {
        await run();
      } catch (error) {
        caught = error;
      }
      expect(caught, name).toBeInstanceOf(AppError);
      codes[name] = (caught as AppError).code;
      const text = exposed(caught);
      expect(text, name).not.toContain(TOKEN);
      expect(text, name).not.toContain(SECRET);
    }
    expect(codes).toEqual({
      '401': 'AUTH_INVALID',
      '403': 'STORE_INACTIVE',
      '404 record': 'NOT_FOUND',
      '404 alias': 'STORE_NOT_FOUND',
      '422': 'BAD_RESPONSE',
      '400': 'BAD_RESPONSE',
      '500': 'SERVER',
      '429': 'RATE_LIMITED',
      truncated: 'BAD_RESPONSE',
      reset: 'OFFLINE',
      shape: 'BAD_RESPONSE',
      redirect: 'BAD_RESPONSE',
      timeout: 'OFFLINE',
      refused: 'OFFLINE',
      'fetch throws with the request in its message': 'OFFLINE',
      'invalid input': 'INVALID_INPUT',
      cancelled: 'CANCELLED',
    });

    const observed = JSON.stringify(events);
    expect(events.length).toBeGreaterThan(20);
    expect(new Set(events.map((e) => e.type))).toEqual(
      new Set(['request', 'response', 'network-error', 'retry', 'wait', 'failure']),
    );
    expect(observed).not.toContain(TOKEN);
    expect(observed).not.toContain(SECRET);
    // The server did receive them, so the absence above is not an accident of the setup.
    expect(server.seen.some((r) => r.headers['user-token'] === TOKEN && r.headers['user-secret-key'] === SECRET)).toBe(
      true,
    );
  });

  it('keeps the echoed 422 message readable with the credentials masked', async () => {
    server = await startServer((req, res) =>
      json(res, 422, { message: `token ${String(req.headers['user-token'])} inválido` }),
    );
    const client = createStoreApi({
      baseUrl: server.baseUrl,
      alias: 'x',
      credentials: { token: TOKEN, secret: SECRET },
    });
    await expect(client.listOrders()).rejects.toMatchObject({
      code: 'BAD_RESPONSE',
      params: expect.objectContaining({ said: 'token *** inválido' }),
    });
  });

  it('masks credentials the server echoes JSON-escaped or URL-encoded', async () => {
    // Each character an encoding changes that a header value may hold (non-ASCII cannot be sent: see the log tests).
    const credentials = { token: 'tok"en\\/+&-zq81-DISTINCT', secret: 'se/cr+et&"\\-k3p0-DISTINCT' };
    const said = echoes(credentials);
    server = await startServer((req, res) => {
      const alias = new URL(req.url ?? '/', 'http://x').pathname.split('/')[1];
      json(res, 422, { message: said[alias.replace('-', ' ')] });
    });
    const forms = [...escapedForms(credentials.token), ...escapedForms(credentials.secret)];
    for (const kind of Object.keys(said)) {
      const client = createStoreApi({ baseUrl: server.baseUrl, alias: kind.replace(' ', '-'), credentials });
      const caught = await client.listOrders().catch((error: unknown) => error);
      expect(caught, kind).toMatchObject({ code: 'BAD_RESPONSE', params: { said: expect.stringContaining('***') } });
      const text = exposed(caught);
      for (const form of forms) expect(text, `${kind}: ${form}`).not.toContain(form);
    }
  });
});
