import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { parseFaultSpec, type FakeStore } from '../../src/main/core/fake-store';
import { api, headersFor, startUnlimited } from './helpers';

let store: FakeStore;
afterEach(() => store?.close());

/** Raw GET that reports what arrived even when the connection breaks. */
function rawGet(
  s: FakeStore,
  path: string,
): Promise<{ status?: number; body: string; error?: string; headers?: Record<string, unknown> }> {
  return new Promise((resolve) => {
    let body = '';
    let status: number | undefined;
    let headers: Record<string, unknown> | undefined;
    const req = request(`${s.apiBaseUrl}/${s.alias}${path}`, { headers: headersFor(s) }, (res) => {
      status = res.statusCode;
      headers = res.headers;
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status, body, headers }));
      res.on('error', (e) => resolve({ status, body, headers, error: e.message }));
      res.on('aborted', () => resolve({ status, body, headers, error: 'aborted' }));
    });
    req.on('error', (e) => resolve({ status, body, headers, error: e.message }));
    req.end();
  });
}

const isJson = (text: string) => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

describe('faults', () => {
  it('returns 500, 502 and 503 on demand and counts them', async () => {
    store = await startUnlimited({ orders: 20 });
    store.control.setFaults({ statuses: [503] });
    store.control.failNext('error5xx');
    expect((await api(store, '/orders')).status).toBe(503);
    store.control.setFaults({ statuses: [502] });
    store.control.failNext('error5xx');
    const r = await api(store, '/orders');
    expect(r.status).toBe(502);
    expect(isJson(r.text)).toBe(false);
    expect((await api(store, '/orders')).status).toBe(200);
    expect(store.stats.faults.error5xx).toBe(2);
  });

  it('resets the connection mid-body', async () => {
    store = await startUnlimited({ orders: 200 });
    store.control.failNext('reset');
    const r = await rawGet(store, '/orders?limit=100&include=items');
    expect(r.status).toBe(200);
    expect(r.error).toMatch(/aborted|ECONNRESET|socket hang up|terminated/i);
    expect(r.body.length).toBeGreaterThan(0);
    expect(r.body.length).toBeLessThan(Number(r.headers?.['content-length']));
    expect(store.stats.faults.reset).toBe(1);
    await expect(
      fetch(`${store.apiBaseUrl}/demo/orders`, { headers: headersFor(store) }).then((x) => x.json()),
    ).resolves.toHaveProperty('data');
  });

  it('truncates the body but ends the response cleanly', async () => {
    store = await startUnlimited({ orders: 50 });
    store.control.failNext('truncate');
    const r = await rawGet(store, '/orders?limit=20');
    expect(r.status).toBe(200);
    expect(r.error).toBeUndefined();
    expect(r.body.length).toBeGreaterThan(0);
    expect(isJson(r.body)).toBe(false);
    expect(store.stats.faults.truncate).toBe(1);
  });

  it('sends malformed JSON with a consistent length', async () => {
    store = await startUnlimited({ orders: 50 });
    store.control.failAt(2, 'malformed');
    expect(isJson((await rawGet(store, '/orders')).body)).toBe(true);
    const r = await rawGet(store, '/orders');
    expect(r.error).toBeUndefined();
    expect(Buffer.byteLength(r.body)).toBe(Number(r.headers?.['content-length']));
    expect(isJson(r.body)).toBe(false);
    expect(store.stats.faults.malformed).toBe(1);
  });

  it('drips a slow body and adds latency', async () => {
    store = await startUnlimited({ orders: 50 });
    store.control.setFaults({ dripDelayMs: 10, dripChunkBytes: 200, latencyMs: 150 });
    const normal = await rawGet(store, '/orders?limit=5');
    store.control.failNext('drip');
    let t = Date.now();
    const dripped = await rawGet(store, '/orders?limit=5');
    const chunks = Math.ceil(Buffer.byteLength(dripped.body) / 200);
    // One pause between each two chunks; 5 ms of slack for timers that fire early against Date.now.
    expect(Date.now() - t).toBeGreaterThanOrEqual((chunks - 1) * 10 - 5);
    expect(dripped.body).toBe(normal.body);
    store.control.failNext('latency');
    t = Date.now();
    expect((await rawGet(store, '/orders?limit=1')).status).toBe(200);
    expect(Date.now() - t).toBeGreaterThanOrEqual(140);
    expect(store.stats.faults).toMatchObject({ drip: 1, latency: 1 });
  });

  it('injects by probability, deterministically for a seed', async () => {
    const runOnce = async () => {
      const s = await startUnlimited({ seed: 11, orders: 20, faults: '5xx=0.3' });
      const codes = [];
      for (let i = 0; i < 40; i++) codes.push((await api(s, '/orders?limit=1')).status);
      const faults = s.stats.faults.error5xx;
      await s.close();
      return { codes, faults };
    };
    const a = await runOnce();
    const b = await runOnce();
    expect(a.codes).toEqual(b.codes);
    const failures = a.codes.filter((c) => c >= 500).length;
    expect(failures).toBe(a.faults);
    expect(failures).toBeGreaterThan(3);
    expect(failures).toBeLessThan(25);
  });

  it('parses the SPEC syntax and rejects bad specs', () => {
    expect(parseFaultSpec('5xx=0.2,reset=0.05,truncate=0.05,latency=0.1:500ms,drip=0.01:2s')).toEqual({
      probability: { error5xx: 0.2, reset: 0.05, truncate: 0.05, latency: 0.1, drip: 0.01 },
      latencyMs: 500,
      dripDelayMs: 2000,
    });
    for (const bad of ['boom=0.1', '5xx=2', 'reset', 'reset=0.1:5ms']) expect(() => parseFaultSpec(bad)).toThrow();
  });
});
