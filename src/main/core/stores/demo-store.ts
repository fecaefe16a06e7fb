import { createHash } from 'node:crypto';
import { DEFAULT_END_AT, startFakeStore, type FakeStore } from '../fake-store';
import type { StoreCredentials } from '../secrets/secret-store';

/**
 * The built-in demo store: the fake store API served in-process on 127.0.0.1,
 * so a newcomer sees real requests, paging and sync without credentials. The
 * seed and sizes are fixed, so it is the same store after every restart; the
 * port is not, which is why the demo's base URL is asked for at run time.
 */
export const DEMO_ALIAS = 'demo';
export const DEMO_SEED = 1;

export interface DemoStoreSettings {
  orders: number;
  customers: number;
  /** Tests shorten the rate-limit minute; the app keeps the platform's real limits. */
  timeScale?: number;
}

export const DEFAULT_DEMO: DemoStoreSettings = { orders: 2_000, customers: 600 };

export class DemoStoreHost {
  #running: Promise<FakeStore> | null = null;
  #url: string | null = null;
  #key: string | null = null;

  constructor(private readonly settings: DemoStoreSettings = DEFAULT_DEMO) {}

  /**
   * Starts the server on first use with the credentials held for it, and returns
   * its API base URL. `endAt` (the newest order's time) is fixed when the demo is
   * added, so its orders look recent and stay the same across restarts.
   */
  async apiBaseUrl(credentials: StoreCredentials, endAt: number): Promise<string> {
    // A demo removed and added again has new credentials: serve those, not the old ones.
    const key = `${credentials.token}|${endAt}`;
    if (this.#running && this.#key !== key) await this.close();
    this.#key = key;
    this.#running ??= startFakeStore({
      seed: DEMO_SEED,
      endAt,
      alias: DEMO_ALIAS,
      orders: this.settings.orders,
      customers: this.settings.customers,
      token: credentials.token,
      secret: credentials.secret,
      ...(this.settings.timeScale ? { rateLimit: { timeScale: this.settings.timeScale } } : {}),
    }).catch((error: unknown) => {
      this.#running = null;
      throw error;
    });
    this.#url = (await this.#running).apiBaseUrl;
    return this.#url;
  }

  /** Whether a base URL is this demo server's (its calls say nothing about the internet). */
  owns(apiBaseUrl: string): boolean {
    return this.#url !== null && apiBaseUrl === this.#url;
  }

  async close(): Promise<void> {
    const running = this.#running;
    this.#running = null;
    this.#url = null;
    if (running) await (await running).close();
  }
}

/** The demo's record keeps its `endAt` where other stores keep their API URL: `demo:<epoch ms>`. */
export function demoLocator(endAt: number): string {
  return `demo:${endAt}`;
}

export function demoEndAt(locator: string): number {
  const value = Number(locator.slice('demo:'.length));
  return Number.isFinite(value) && value > 0 ? value : DEFAULT_END_AT;
}

/**
 * The demo's credentials, derived from its store id. They guard a server of made-up data on 127.0.0.1 that this
 * process starts with exactly these values, so they are not secrets: deriving them lets the demo open and sync on a
 * machine with no keychain at all, and nothing about them is ever written down.
 */
export function demoCredentials(storeId: string): StoreCredentials {
  const derive = (part: string): string =>
    `demo-${createHash('sha256').update(`balcao-demo:${part}:${storeId}`).digest('base64url').slice(0, 32)}`;
  return { token: derive('token'), secret: derive('secret') };
}
