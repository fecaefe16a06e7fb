import { parseFaultSpec, type FaultInjector, type FaultKind, type FaultSettings } from './faults';
import type { RateLimitSettings, RateLimiter } from './rate-limit';
import type { MutationResult, StoreModel } from './store-model';

export interface FakeStoreStats {
  requests: Record<string, number>;
  byStatus: Record<string, number>;
  rateLimited: number;
  faults: Record<FaultKind, number>;
}

/** Run-time switches and mutations of a running fake store. */
export interface FakeStoreControl {
  readonly active: boolean;
  setActive(active: boolean): void;
  readonly quirks: boolean;
  setQuirks(on: boolean): void;
  /** The platform's 30-minute list cache; off by default so tests see every change at once. */
  setListCache(on: boolean): void;
  rateLimit(): RateLimitSettings;
  setRateLimit(settings: Partial<RateLimitSettings>): void;
  /** Replaces the fault settings (a SPEC string as the CLI takes, or settings). */
  setFaults(spec: string | Partial<FaultSettings>): void;
  /** Forces `kind` on the next `count` API requests. */
  failNext(kind: FaultKind, count?: number): void;
  /** Forces `kind` on API request number `n` (1-based, counted since start or `clearFaults`). */
  failAt(n: number, kind: FaultKind): void;
  clearFaults(): void;
  /** New orders created now (by the store's clock), status waiting_payment. Returns their ids. */
  addOrders(count: number): number[];
  advanceOrder(id: number): MutationResult | null;
  cancelOrder(id: number): MutationResult | null;
  /** Advances up to `count` open recent orders chosen by the seeded mutation RNG. */
  advanceOrders(count: number): MutationResult[];
  cancelOrders(count: number): MutationResult[];
}

export interface ControlState {
  active: boolean;
  quirks: boolean;
  listCache: boolean;
}

export function createControl(
  state: ControlState,
  model: StoreModel,
  limiter: RateLimiter,
  faults: FaultInjector,
  now: () => number,
  onChange: () => void,
): FakeStoreControl {
  return {
    get active() {
      return state.active;
    },
    setActive: (active) => void (state.active = active),
    get quirks() {
      return state.quirks;
    },
    setQuirks: (on) => {
      state.quirks = on;
      onChange();
    },
    setListCache: (on) => {
      state.listCache = on;
      onChange();
    },
    rateLimit: () => ({ ...limiter.settings }),
    setRateLimit: (settings) => {
      limiter.settings = { ...limiter.settings, ...settings };
      limiter.reset();
    },
    setFaults: (spec) => faults.configure(typeof spec === 'string' ? parseFaultSpec(spec) : spec),
    failNext: (kind, count = 1) => faults.next(kind, count),
    failAt: (n, kind) => faults.at(n, kind),
    clearFaults: () => faults.clear(),
    addOrders: (count) => model.addOrders(count, now()),
    advanceOrder: (id) => model.advance(id, now()),
    cancelOrder: (id) => model.cancel(id, now()),
    advanceOrders: (count) => model.advanceSome(count, now()),
    cancelOrders: (count) => model.cancelSome(count, now()),
  };
}
