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

/** The time, read again every `ms`: "há 5 minutos" must not stay on screen for an hour. Call during component start-up. */
export function ticking(ms = 30_000): { readonly current: number } {
  let now = $state(Date.now());
  $effect(() => {
    const timer = setInterval(() => (now = Date.now()), ms);
    return () => clearInterval(timer);
  });
  return {
    get current() {
      return now;
    },
  };
}
