import type { IncomingMessage } from 'node:http';
import type { FakeStoreControl, FakeStoreStats } from './control';
import type { ApiResult } from './api-routes';
import type { FaultKind } from './faults';
import type { RateLimitSettings } from './rate-limit';

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  let raw = '';
  for await (const chunk of req) raw += String(chunk);
  if (!raw.trim()) return {};
  const parsed: unknown = JSON.parse(raw);
  return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
}

const num = (v: unknown, fallback: number): number => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);

/**
 * `/__control/…` for tests that run the store in a child process. Same
 * credentials as the API; never rate limited nor faulted.
 */
export async function handleControl(
  req: IncomingMessage,
  action: string,
  control: FakeStoreControl,
  stats: () => FakeStoreStats,
): Promise<ApiResult> {
  const body = req.method === 'GET' ? {} : await readJson(req).catch(() => null);
  if (body === null) return { status: 422, body: { message: 'Body must be JSON.' } };
  switch (`${req.method} ${action}`) {
    case 'GET stats':
      return { status: 200, body: stats() };
    case 'POST orders':
      return { status: 200, body: { ids: control.addOrders(num(body.count, 1)) } };
    case 'POST advance':
      return {
        status: 200,
        body: {
          changes:
            typeof body.id === 'number'
              ? [control.advanceOrder(body.id)].filter(Boolean)
              : control.advanceOrders(num(body.count, 1)),
        },
      };
    case 'POST cancel':
      return {
        status: 200,
        body: {
          changes:
            typeof body.id === 'number'
              ? [control.cancelOrder(body.id)].filter(Boolean)
              : control.cancelOrders(num(body.count, 1)),
        },
      };
    case 'POST faults':
      if (typeof body.spec === 'string') control.setFaults(body.spec);
      if (typeof body.next === 'string') control.failNext(body.next as FaultKind, num(body.count, 1));
      if (body.clear === true) control.clearFaults();
      return { status: 200, body: { ok: true } };
    case 'POST active':
      control.setActive(body.active !== false);
      return { status: 200, body: { active: control.active } };
    case 'POST quirks':
      control.setQuirks(body.quirks !== false);
      return { status: 200, body: { quirks: control.quirks } };
    case 'POST rate-limit':
      control.setRateLimit(body as Partial<RateLimitSettings>);
      return { status: 200, body: control.rateLimit() };
    default:
      return { status: 404, body: { message: `No control action ${req.method} ${action}.` } };
  }
}
