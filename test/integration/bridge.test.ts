import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBridge, type Bridge } from '../../src/dev/bridge-server';
import { createTestCore, type TestCore } from '../helpers/core';

let core: TestCore;
let bridge: Bridge;

beforeAll(async () => {
  core = createTestCore();
  const staticDir = mkdtempSync(join(tmpdir(), 'balcao-static-'));
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>t</title>');
  bridge = await startBridge({ dispatch: core.dispatch, events: core.events, staticDir });
});

afterAll(async () => {
  await bridge.close();
  await core.dispose();
});

async function call(channel: string, input: unknown, token: string | null = bridge.token) {
  const response = await fetch(`${bridge.url}/__bridge/call/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token === null ? {} : { authorization: `Bearer ${token}` }) },
    body: JSON.stringify({ input }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** A raw request, so the Host header can be set to what a rebinding attack would send. */
function rawGet(path: string, host: string): Promise<number> {
  const { port } = new URL(bridge.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('HTTP bridge', () => {
  it('listens on the loopback address only', () => {
    expect(new URL(bridge.url).hostname).toBe('127.0.0.1');
  });

  it('answers a malformed call path, with or without the token, and keeps serving', async () => {
    expect((await call('%E0%A4%A', undefined, null)).status).toBeGreaterThanOrEqual(400);
    expect((await call('%E0%A4%A', undefined)).status).toBeGreaterThanOrEqual(400);
    expect(await call('app.info', undefined)).toMatchObject({ status: 200, body: { ok: true } });
  });

  it('answers a call with the token through the same contract', async () => {
    const { status, body } = await call('app.info', undefined);
    expect(status).toBe(200);
    expect(body).toMatchObject({ ok: true, value: { version: '9.8.7-test', dataDir: core.dataDir } });
  });

  it('refuses a call without the token, or with a wrong one', async () => {
    expect(await call('app.info', undefined, null)).toMatchObject({
      status: 401,
      body: { ok: false, error: { code: 'FORBIDDEN_SENDER' } },
    });
    expect(await call('app.info', undefined, `${bridge.token}x`)).toMatchObject({ status: 401 });
  });

  it('rejects invalid input with INVALID_INPUT', async () => {
    const { body } = await call('stores.list', { page: 'one' });
    expect(body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('refuses an unknown channel', async () => {
    const { body } = await call('secrets.dump', undefined);
    expect(body).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
  });

  it('refuses a request whose Host is not the bound address (DNS rebinding)', async () => {
    expect(await rawGet('/index.html', 'evil.example:80')).toBe(421);
    expect(await rawGet('/index.html', new URL(bridge.url).host)).toBe(200);
  });

  it('does not serve files outside the renderer folder', async () => {
    expect(await rawGet('/..%2f..%2f..%2fetc%2fpasswd', new URL(bridge.url).host)).toBe(403);
  });

  it('streams contract events to a client with the token, and refuses one without', async () => {
    const refused = await fetch(`${bridge.url}/__bridge/events`);
    expect(refused.status).toBe(401);

    const controller = new AbortController();
    const response = await fetch(`${bridge.url}/__bridge/events?token=${bridge.token}`, { signal: controller.signal });
    const reader = response.body!.getReader();
    await reader.read(); // the ": connected" comment
    core.events.emit('connectivity.changed', { state: 'offline', since: '2026-11-22T12:00:00.000Z' });
    const { value } = await reader.read();
    controller.abort();
    const text = new TextDecoder().decode(value);
    expect(text).toContain('"event":"connectivity.changed"');
    expect(text).toContain('"state":"offline"');
  });
});
