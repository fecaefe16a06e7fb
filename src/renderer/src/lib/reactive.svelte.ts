/**
 * A value that follows `read()` after it has been still for `ms`: search boxes
 * query on a pause, not on every key. Call during component start-up.
 */
export function debounced<T>(read: () => T, ms = 200): { readonly current: T } {
  let value = $state(read());
  $effect(() => {
    const next = read();
    const timer = setTimeout(() => (value = next), ms);
    return () => clearTimeout(timer);
  });
  return {
    get current() {
      return value;
    },
  };
}

/**
 * Requests that can finish out of order (a person typing, paging fast): only
 * the newest one's answer is applied.
 */
export function latestOnly(): <T>(
  request: Promise<T>,
  apply: (value: T) => void,
  fail: (error: unknown) => void,
) => void {
  let generation = 0;
  return (request, apply, fail) => {
    const mine = ++generation;
    request.then(
      (value) => mine === generation && apply(value),
      (error: unknown) => mine === generation && fail(error),
    );
  };
}

const TICK_MS = 30_000;
/** One clock for the whole window: the top bar and the Painel must not say "há 11 s" and "há 20 s" side by side. */
const clock = $state({ now: Date.now() });
let clockTimer: ReturnType<typeof setInterval> | null = null;
/** The tick each caller asked for; the clock runs at the finest of them while they are on screen. */
const clockUsers: number[] = [];

function restartClock(): void {
  if (clockTimer) clearInterval(clockTimer);
  clockTimer = clockUsers.length > 0 ? setInterval(() => (clock.now = Date.now()), Math.min(...clockUsers)) : null;
}

/**
 * The time, read again every 30 s ("há 5 minutos" must not stay on screen for an hour), or every `everyMs` for a
 * caller that counts seconds ("tentando de novo em 40 s"). Every caller reads the same clock, set afresh when one of
 * them appears. Call during component start-up.
 */
export function ticking(everyMs = TICK_MS): { readonly current: number } {
  $effect(() => {
    clock.now = Date.now();
    clockUsers.push(everyMs);
    restartClock();
    return () => {
      clockUsers.splice(clockUsers.indexOf(everyMs), 1);
      restartClock();
    };
  });
  return {
    get current() {
      return clock.now;
    },
  };
}
