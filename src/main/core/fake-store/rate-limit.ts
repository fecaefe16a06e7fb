export type RouteGroup = 'orders' | 'other';

export interface RateLimitSettings {
  /** Order GETs (list and detail share one budget). */
  ordersPerMinute: number;
  otherPerMinute: number;
  /** 60 makes a "minute" last one real second, for fast tests. */
  timeScale: number;
  enabled: boolean;
}

export const DEFAULT_RATE_LIMITS: RateLimitSettings = {
  ordersPerMinute: 120,
  otherPerMinute: 60,
  timeScale: 1,
  enabled: true,
};

interface Window {
  startedAt: number;
  used: number;
}

export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
}

/**
 * Fixed windows per route group. A window opens at the first request after the
 * previous one closed (not at a wall-clock minute boundary), so a burst in a
 * test never straddles two windows by accident.
 */
export class RateLimiter {
  private readonly windows = new Map<RouteGroup, Window>();
  constructor(
    public settings: RateLimitSettings,
    private readonly now: () => number,
  ) {}

  private limitOf(group: RouteGroup): number {
    return group === 'orders' ? this.settings.ordersPerMinute : this.settings.otherPerMinute;
  }

  private window(group: RouteGroup): Window {
    const length = 60_000 / this.settings.timeScale;
    const t = this.now();
    let w = this.windows.get(group);
    if (!w || t - w.startedAt >= length) {
      w = { startedAt: t, used: 0 };
      this.windows.set(group, w);
    }
    return w;
  }

  /** Counts a request against its group. */
  take(group: RouteGroup): RateDecision {
    const limit = this.limitOf(group);
    if (!this.settings.enabled) return { allowed: true, limit, remaining: limit };
    const w = this.window(group);
    if (w.used >= limit) return { allowed: false, limit, remaining: 0 };
    w.used++;
    return { allowed: true, limit, remaining: limit - w.used };
  }

  /** The headers' values without spending anything (for 401/403/404 answers). */
  peek(group: RouteGroup): RateDecision {
    const limit = this.limitOf(group);
    if (!this.settings.enabled) return { allowed: true, limit, remaining: limit };
    const w = this.window(group);
    return { allowed: w.used < limit, limit, remaining: Math.max(0, limit - w.used) };
  }

  reset(): void {
    this.windows.clear();
  }
}
