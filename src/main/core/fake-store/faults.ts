import { Rng } from './prng';

export type FaultKind = 'latency' | 'error5xx' | 'reset' | 'truncate' | 'malformed' | 'drip';

export const FAULT_KINDS: readonly FaultKind[] = ['latency', 'error5xx', 'reset', 'truncate', 'malformed', 'drip'];

export interface FaultSettings {
  /** Probability per request of each fault; latency combines with the others, the rest are exclusive. */
  probability: Partial<Record<FaultKind, number>>;
  latencyMs: number;
  /** Delay between the small chunks of a dripping body. */
  dripDelayMs: number;
  dripChunkBytes: number;
  /** Status codes a 5xx fault picks from. */
  statuses: number[];
}

export const DEFAULT_FAULTS: FaultSettings = {
  probability: {},
  latencyMs: 200,
  dripDelayMs: 20,
  dripChunkBytes: 64,
  statuses: [500, 502, 503],
};

export interface FaultPlan {
  latencyMs: number;
  kind: Exclude<FaultKind, 'latency'> | null;
  status?: number;
}

/**
 * Decides per API request which fault to inject. Probabilities draw from a
 * seeded RNG (a fixed number of draws per request, so the sequence is stable),
 * and `schedule` forces faults on given request numbers (1-based).
 */
export class FaultInjector {
  settings: FaultSettings = structuredClone(DEFAULT_FAULTS);
  readonly counts: Record<FaultKind, number> = {
    latency: 0,
    error5xx: 0,
    reset: 0,
    truncate: 0,
    malformed: 0,
    drip: 0,
  };
  private readonly scheduled = new Map<number, FaultKind>();
  private readonly queued: FaultKind[] = [];
  private requestNumber = 0;
  private rng: Rng;

  constructor(private readonly seed: number) {
    this.rng = new Rng(seed ^ 0x5eed);
  }

  configure(settings: Partial<FaultSettings>): void {
    this.settings = {
      ...this.settings,
      ...settings,
      probability: { ...(settings.probability ?? this.settings.probability) },
    };
  }

  /** Forces `kind` on API request number `n` (counting from 1 since start or the last `clear`). */
  at(n: number, kind: FaultKind): void {
    this.scheduled.set(n, kind);
  }

  /** Forces `kind` on the next `count` API requests. */
  next(kind: FaultKind, count = 1): void {
    for (let i = 0; i < count; i++) this.queued.push(kind);
  }

  clear(): void {
    this.settings = structuredClone(DEFAULT_FAULTS);
    this.scheduled.clear();
    this.queued.length = 0;
    this.requestNumber = 0;
    this.rng = new Rng(this.seed ^ 0x5eed);
  }

  plan(): FaultPlan {
    this.requestNumber++;
    const draws = FAULT_KINDS.map(() => this.rng.next());
    const statusDraw = this.rng.next();
    const forced = this.scheduled.get(this.requestNumber) ?? this.queued.shift();
    this.scheduled.delete(this.requestNumber);
    const p = this.settings.probability;
    let latencyMs = 0;
    let kind: FaultPlan['kind'] = null;
    if (forced === 'latency' || draws[0] < (p.latency ?? 0)) latencyMs = this.settings.latencyMs;
    if (forced && forced !== 'latency') kind = forced;
    else {
      for (let k = 1; k < FAULT_KINDS.length; k++) {
        if (draws[k] < (p[FAULT_KINDS[k]] ?? 0)) {
          kind = FAULT_KINDS[k] as FaultPlan['kind'];
          break;
        }
      }
    }
    if (latencyMs > 0) this.counts.latency++;
    if (kind) this.counts[kind]++;
    const statuses = this.settings.statuses;
    return {
      latencyMs,
      kind,
      status: kind === 'error5xx' ? statuses[Math.floor(statusDraw * statuses.length)] : undefined,
    };
  }
}

/**
 * `--faults` SPEC: comma-separated `kind=probability`, with `latency` and `drip`
 * taking an optional `:DURATION` (ms or s), e.g. `5xx=0.2,reset=0.05,latency=0.1:500ms`.
 * Kinds: 5xx, reset, truncate, malformed, drip, latency.
 */
export function parseFaultSpec(spec: string): Partial<FaultSettings> {
  const probability: Partial<Record<FaultKind, number>> = {};
  const out: Partial<FaultSettings> = { probability };
  for (const part of spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const m = /^([a-z0-9]+)=([0-9]*\.?[0-9]+)(?::(\d+)(ms|s)?)?$/.exec(part);
    if (!m) throw new Error(`bad fault "${part}": expected kind=probability[:duration]`);
    const name = m[1] === '5xx' ? 'error5xx' : m[1];
    if (!(FAULT_KINDS as readonly string[]).includes(name))
      throw new Error(`unknown fault kind "${m[1]}" (5xx, reset, truncate, malformed, drip, latency)`);
    const p = Number(m[2]);
    if (p < 0 || p > 1) throw new Error(`fault probability must be within 0..1: "${part}"`);
    probability[name as FaultKind] = p;
    if (m[3] !== undefined) {
      const ms = Number(m[3]) * (m[4] === 's' ? 1000 : 1);
      if (name === 'latency') out.latencyMs = ms;
      else if (name === 'drip') out.dripDelayMs = ms;
      else throw new Error(`only latency and drip take a duration: "${part}"`);
    }
  }
  return out;
}
