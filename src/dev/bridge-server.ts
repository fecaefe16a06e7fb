import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import { RENDERER_CSP } from '../shared/csp';
import type { Envelope } from '../shared/errors';
import type { Dispatch } from '../main/core/ipc/dispatcher';
import type { EventBus } from '../main/core/events/event-bus';
import { DOWNLOAD_PATH, type BridgeDownloads } from './bridge-downloads';

/**
 * Carries the IPC contract over HTTP on 127.0.0.1 for the browser preview and the
 * Chromium e2e tests (never part of the packaged app). Calls are POSTs answered
 * with the same envelope as ipcMain, through the same dispatcher; events are
 * server-sent events. Every call needs the random token; the Host header must
 * name the loopback address we bound, which defeats DNS rebinding.
 */
export interface BridgeOptions {
  dispatch: Dispatch;
  events: EventBus;
  /** The built renderer (out/renderer); omitted, only the API is served. */
  staticDir?: string;
  port?: number;
  token?: string;
  /** Finished exports to serve once each; omitted, the download route answers 404. */
  downloads?: BridgeDownloads;
}

export interface Bridge {
  url: string;
  /** The URL a browser opens: carries the token in the fragment, which is never sent to the server. */
  appUrl: string;
  token: string;
  close(): Promise<void>;
}

export const BRIDGE_PREFIX = '/__bridge/';
const MAX_BODY_BYTES = 1024 * 1024;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
};

export async function startBridge(options: BridgeOptions): Promise<Bridge> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const tokenBytes = Buffer.from(token);
  const sseClients = new Set<ServerResponse>();
  let host = '';

  const unsubscribe = options.events.subscribeAll((event, payload) => {
    const frame = `event: message\ndata: ${JSON.stringify({ event, payload })}\n\n`;
    for (const client of sseClients) client.write(frame);
  });

  function tokenMatches(candidate: string | null | undefined): boolean {
    if (!candidate) return false;
    const bytes = Buffer.from(candidate);
    return bytes.length === tokenBytes.length && timingSafeEqual(bytes, tokenBytes);
  }

  function sendJson(res: ServerResponse, status: number, body: unknown): void {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    res.end(text);
  }

  /** The HTTP status tells a developer why (401 token, 421 host); the envelope carries the code only. */
  function refuse(res: ServerResponse, status: number): void {
    const envelope: Envelope<never> = { ok: false, error: { code: 'FORBIDDEN_SENDER' } };
    sendJson(res, status, envelope);
  }

  async function readBody(req: IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > MAX_BODY_BYTES) throw new Error('body too large');
      chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks).toString('utf8');
  }

  async function handleCall(req: IncomingMessage, res: ServerResponse, encodedChannel: string): Promise<void> {
    // Decoded in here, where a malformed escape becomes an answer rather than an exception that ends the bridge.
    const channel = decodeURIComponent(encodedChannel);
    if (req.method !== 'POST') return sendJson(res, 405, { ok: false, error: { code: 'INVALID_INPUT' } });
    const auth = req.headers.authorization;
    if (!tokenMatches(auth?.startsWith('Bearer ') ? auth.slice(7) : null)) return refuse(res, 401);
    let input: unknown;
    try {
      const text = await readBody(req);
      input = text ? (JSON.parse(text) as { input?: unknown }).input : undefined;
    } catch {
      return sendJson(res, 400, { ok: false, error: { code: 'INVALID_INPUT' } });
    }
    sendJson(res, 200, await options.dispatch(channel, input));
  }

  function handleEvents(req: IncomingMessage, res: ServerResponse, url: URL): void {
    // EventSource cannot send headers, so the token comes as a query parameter.
    if (!tokenMatches(url.searchParams.get('token'))) return refuse(res, 401);
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    res.write(': connected\n\n');
    sseClients.add(res);
    req.on('close', () => sseClients.delete(res));
  }

  async function handleStatic(res: ServerResponse, pathname: string): Promise<void> {
    if (!options.staticDir) return sendJson(res, 404, { message: 'Not found' });
    const root = normalize(options.staticDir);
    const relative = decodeURIComponent(pathname === '/' ? '/index.html' : pathname);
    const file = normalize(join(root, relative));
    if (!file.startsWith(root + sep)) return sendJson(res, 403, { message: 'Forbidden' });
    try {
      const body = await readFile(file);
      res.writeHead(200, {
        'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
        'content-security-policy': RENDERER_CSP,
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-store',
      });
      res.end(body);
    } catch {
      sendJson(res, 404, { message: 'Not found' });
    }
  }

  /** A finished export, once, to the holder of the token (a query parameter: a download link cannot send headers). */
  async function handleDownload(res: ServerResponse, url: URL, id: string): Promise<void> {
    if (!tokenMatches(url.searchParams.get('token'))) return refuse(res, 401);
    const download = options.downloads?.take(id);
    if (!download) return sendJson(res, 404, { message: 'Not found' });
    try {
      const body = await readFile(download.path);
      res.writeHead(200, {
        'content-type': download.name.endsWith('.csv') ? 'text/csv; charset=utf-8' : 'application/pdf',
        'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(download.name)}`,
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-store',
      });
      res.end(body);
    } finally {
      await options.downloads?.served(download);
    }
  }

  const server = createServer((req, res) => {
    if (req.headers.host !== host) return refuse(res, 421);
    const url = new URL(req.url ?? '/', `http://${host}`);
    const task =
      url.pathname === `${BRIDGE_PREFIX}events`
        ? Promise.resolve(handleEvents(req, res, url))
        : url.pathname.startsWith(`${BRIDGE_PREFIX}call/`)
          ? handleCall(req, res, url.pathname.slice(`${BRIDGE_PREFIX}call/`.length))
          : req.method === 'GET' && url.pathname.startsWith(`${BRIDGE_PREFIX}${DOWNLOAD_PATH}`)
            ? handleDownload(res, url, url.pathname.slice(`${BRIDGE_PREFIX}${DOWNLOAD_PATH}`.length))
            : req.method === 'GET'
              ? handleStatic(res, url.pathname)
              : Promise.resolve(sendJson(res, 405, { message: 'Method not allowed' }));
    task.catch(() => {
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'INTERNAL' } });
      else res.end();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  host = `127.0.0.1:${port}`;
  const url = `http://${host}`;

  return {
    url,
    appUrl: `${url}/#bridge-token=${token}`,
    token,
    async close() {
      unsubscribe();
      for (const client of sseClients) client.end();
      sseClients.clear();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
    },
  };
}
