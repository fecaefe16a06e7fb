import { startFakeStore, type FakeStore, type FakeStoreOptions } from '../../src/main/core/fake-store';

export type Json = Record<string, unknown>;

export function headersFor(store: FakeStore): Record<string, string> {
  return { 'User-Token': store.credentials.token, 'User-Secret-Key': store.credentials.secret };
}

/** GET `${apiBaseUrl}/${alias}${path}` with the store's credentials. */
export async function api(
  store: FakeStore,
  path: string,
  init: { headers?: Record<string, string> } = {},
): Promise<{ status: number; body: Json; headers: Headers; text: string }> {
  const res = await fetch(`${store.apiBaseUrl}/${store.alias}${path}`, { headers: init.headers ?? headersFor(store) });
  const text = await res.text();
  let body: Json;
  try {
    body = JSON.parse(text) as Json;
  } catch {
    body = {};
  }
  return { status: res.status, body, headers: res.headers, text };
}

export async function apiOk(store: FakeStore, path: string): Promise<Json> {
  const r = await api(store, path);
  if (r.status !== 200) throw new Error(`${path} → ${r.status} ${r.text.slice(0, 200)}`);
  return r.body;
}

/** Every record of a list route, walking pages of 100. */
export async function fetchAll(store: FakeStore, path: string): Promise<Json[]> {
  const sep = path.includes('?') ? '&' : '?';
  const out: Json[] = [];
  for (let page = 1; ; page++) {
    const body = await apiOk(store, `${path}${sep}limit=100&page=${page}`);
    out.push(...(body.data as Json[]));
    const { total_pages } = (body.meta as { pagination: { total_pages: number } }).pagination;
    if (page >= total_pages) return out;
  }
}

/** A store with rate limiting off, so functional tests never meet a 429. */
export function startUnlimited(options: FakeStoreOptions = {}): Promise<FakeStore> {
  return startFakeStore({ ...options, rateLimit: { enabled: false, ...options.rateLimit } });
}

export interface TimestampJson {
  date: string;
  timezone_type: number;
  timezone: string;
}

/** "2024-03-05 14:02:11.000000" in São Paulo → sortable text; local wall time compares as text. */
export function wallTime(ts: unknown): string {
  return (ts as TimestampJson).date;
}

export function unwrap(value: unknown): unknown {
  return value && typeof value === 'object' && !Array.isArray(value) && 'data' in value
    ? (value as { data: unknown }).data
    : value;
}
