import { performance } from 'node:perf_hooks';
import { cancelledError } from './http-errors';
import type { RouteGroup } from './types';

export interface RateLimiterSettings {
  /** Requests per window for each group; the documented limits by default. */
  limits?: Partial<Record<RouteGroup, number>>;
  /** The store's window, before `timeScale` shortens it. */
  windowMs?: number;
  /** Divides every window (and `Retry-After`), as the fake store's flag does: 100 runs a "minute" in 600 ms. */
  timeScale?: number;
  /**
   * Extra hold per request, as a fraction of the window (0.5 % by default: 0.3 s a minute), for the server's clock
   * running faster than ours. Latency needs none: a slot is held from before the request leaves until after its
   * answer arrives, and the server counts it in between. Clocks kept by NTP differ in rate by under 0.05 %; the
   * margin is paid once per window at the end of a sync, so a larger one (2 % was 1.2 s a minute) only costs time.
   */
  safetyFraction?: number;
  now?: () => number;
}

export const DEFAULT_LIMITS: Record<RouteGroup, number> = { orders: 120, other: 60 };
export const DEFAULT_WINDOW_MS = 60_000;

export interface Ticket {
  /** How long the caller waited for its slot, in milliseconds. */
  readonly waitedMs: number;
  /** Call when the attempt is over (answered or failed); idempotent. */
  release(): void;
}

export interface RateLimiter {
  /** The effective window, after `timeScale`. */
  readonly windowMs: number;
  readonly timeScale: number;
  acquire(group: RouteGroup, signal?: AbortSignal): Promise<Ticket>;
  /** Feeds the `X-RateLimit-*` headers of a response. */
  observe(group: RouteGroup, headers: { limit: number | undefined; remaining: number | undefined }): void;
  /** Holds a group back after a 429: for `ms` (a Retry-After) or, by default, a whole window. */
  pause(group: RouteGroup, ms?: number): void;
}

interface Waiter {
  enqueuedAt: number;
  /** Left in the queue by the pump that followed its arrival: only then did it really wait. */
  deferred: boolean;
  grant(ticket: Ticket): void;
}

interface GroupState {
  configured: number;
  limit: number;
  inFlight: number;
  /** When each finished attempt ended, ascending (attempts end in clock order). */
  ended: number[];
  blockedUntil: number;
  queue: Waiter[];
  timer: ReturnType<typeof setTimeout> | undefined;
}

/**
 * Why this design. The store counts requests in fixed one-minute windows whose
 * boundaries we cannot see; a client-side fixed window would start at another
 * moment and could put 2×limit into one of the server's windows. Instead a slot
 * is held from the moment an attempt starts until one window (plus a small
 * margin) after it ends, and at most `limit` slots exist per group. Any server
 * window W holds at most `limit` of our requests, whatever its alignment and
 * whatever the latency: take the latest-started request R among those arriving
 * in W; every other one started before R and ended after W began (it arrived in
 * W), so it still held its slot when R started, and R was only admitted with a
 * free slot. The cost is one round-trip per window of throughput.
 *
 * `X-RateLimit-Remaining: 0` is still authoritative — other programs on the same
 * IP share the store's budget — and, unless our own slots explain it, parks the
 * group for a full window: the server's current window must have rolled over by
 * then. A lower `X-RateLimit-Limit` lowers our limit; it never raises it above
 * the setting.
 */
/** The limits, window and slot hold a limiter with these settings works with (the sync's ETA models them). */
export function limiterShape(settings: RateLimiterSettings = {}): {
  limits: Record<RouteGroup, number>;
  windowMs: number;
  holdMs: number;
  timeScale: number;
} {
  const timeScale = settings.timeScale ?? 1;
  if (!(timeScale > 0)) throw new RangeError('timeScale must be positive');
  // The fake store's meaning: timeScale 60 makes a "minute" last one second.
  const windowMs = (settings.windowMs ?? DEFAULT_WINDOW_MS) / timeScale;
  const safety = settings.safetyFraction ?? 0.005;
  if (!(safety >= 0)) throw new RangeError('safetyFraction must not be negative');
  const limits = {
    orders: settings.limits?.orders ?? DEFAULT_LIMITS.orders,
    other: settings.limits?.other ?? DEFAULT_LIMITS.other,
  };
  return { limits, windowMs, holdMs: windowMs * (1 + safety), timeScale };
}

export function createRateLimiter(settings: RateLimiterSettings = {}): RateLimiter {
  const { limits, windowMs, holdMs: hold, timeScale } = limiterShape(settings);
  const now = settings.now ?? (() => performance.now());
  const groups = new Map<RouteGroup, GroupState>();

  function state(group: RouteGroup): GroupState {
    let found = groups.get(group);
    if (!found) {
      const configured = limits[group];
      if (!Number.isInteger(configured) || configured < 1)
        throw new RangeError(`limit for ${group} must be a positive integer`);
      found = { configured, limit: configured, inFlight: 0, ended: [], blockedUntil: 0, queue: [], timer: undefined };
      groups.set(group, found);
    }
    return found;
  }

  function occupied(s: GroupState, t: number): number {
    while (s.ended.length > 0 && s.ended[0] + hold <= t) s.ended.shift();
    return s.inFlight + s.ended.length;
  }

  function wakeAt(group: RouteGroup, s: GroupState, at: number): void {
    if (s.timer) clearTimeout(s.timer);
    s.timer = setTimeout(
      () => {
        s.timer = undefined;
        pump(group);
      },
      Math.max(1, Math.ceil(at - now())),
    );
  }

  function pump(group: RouteGroup): void {
    const s = state(group);
    if (s.timer) {
      clearTimeout(s.timer);
      s.timer = undefined;
    }
    while (s.queue.length > 0) {
      const t = now();
      if (t < s.blockedUntil) return wakeAt(group, s, s.blockedUntil);
      if (occupied(s, t) >= s.limit) {
        // With every slot in flight, the next release pumps again; no timer needed.
        if (s.ended.length > 0) wakeAt(group, s, s.ended[0] + hold);
        return;
      }
      const waiter = s.queue.shift() as Waiter;
      s.inFlight += 1;
      let released = false;
      waiter.grant({
        waitedMs: waiter.deferred ? Math.max(0, t - waiter.enqueuedAt) : 0,
        release() {
          if (released) return;
          released = true;
          s.inFlight -= 1;
          s.ended.push(now());
          pump(group);
        },
      });
    }
  }

  return {
    windowMs,
    timeScale,
    acquire(group, signal) {
      return new Promise<Ticket>((resolve, reject) => {
        if (signal?.aborted) {
          reject(cancelledError());
          return;
        }
        const s = state(group);
        const onAbort = (): void => {
          const index = s.queue.indexOf(waiter);
          if (index >= 0) s.queue.splice(index, 1);
          // With nobody left waiting, the wake-up timer would only keep the process alive (a cancelled CLI sync
          // hung until the window ended, up to the Retry-After cap after a 429).
          if (s.queue.length === 0 && s.timer) {
            clearTimeout(s.timer);
            s.timer = undefined;
          }
          reject(cancelledError());
        };
        const waiter: Waiter = {
          enqueuedAt: now(),
          deferred: false,
          grant(ticket) {
            signal?.removeEventListener('abort', onAbort);
            resolve(ticket);
          },
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        s.queue.push(waiter);
        pump(group);
        if (s.queue.includes(waiter)) waiter.deferred = true;
      });
    },
    observe(group, headers) {
      const s = state(group);
      if (headers.limit !== undefined && Number.isInteger(headers.limit) && headers.limit >= 1) {
        s.limit = Math.min(s.configured, headers.limit);
      }
      // When we hold every slot ourselves, a Remaining of 0 is just our own burst and the slots already keep the
      // next request out of that server window; parking then would only cost throughput.
      if (headers.remaining !== undefined && headers.remaining <= 0 && occupied(s, now()) < s.limit) {
        s.blockedUntil = Math.max(s.blockedUntil, now() + hold);
      }
      pump(group);
    },
    pause(group, ms) {
      const s = state(group);
      // An explicit Retry-After is the server's own word and wins over our guess from a Remaining of 0.
      s.blockedUntil = ms === undefined ? Math.max(s.blockedUntil, now() + hold) : now() + ms;
      pump(group);
    },
  };
}
