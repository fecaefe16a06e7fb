/** One rate-limit group as the ETA sees it: its limit, and what this run's requests look like so far. */
export interface GroupLoad {
  /** Requests still to make in this group. */
  remaining: number;
  /** Requests the limiter lets through per window. */
  limit: number;
  /** How long the limiter holds a slot after a request ends (one window plus its safety margin). */
  holdMs: number;
  /** When this run's recent requests in the group ended (those still holding a slot matter). */
  ends: readonly number[];
  /** Requests of the group in flight now. */
  inFlight: number;
  /** Time per request when no slot is lacking: the round trip, or the writer's pace when it sets it. */
  paceMs: number;
}

/**
 * Milliseconds until a group's remaining requests are done, modelled as the limiter grants them: each list sends
 * one request at a time, at its pace, while a slot is free; a slot comes back `holdMs` after the request that held
 * it ended. A short sync is then its round trips (15 pages at 130 ms: 2 s), and a long one is its windows (200
 * order pages at 120 a minute: the second window, then the pages in it), which a rate taken from the first
 * window's burst would get wrong both ways.
 */
export function groupEtaMs(load: GroupLoad, now: number): number {
  if (load.remaining <= 0) return 0;
  const slots: number[] = [];
  for (const end of load.ends) if (end + load.holdMs > now) slots.push(end + load.holdMs);
  for (let i = 0; i < load.inFlight; i += 1) slots.push(now + load.paceMs + load.holdMs);
  slots.sort((a, b) => a - b);
  // Slots not held are free now; more held than the limit (a lowered limit) wait their turn.
  const free: number[] = Array.from({ length: Math.max(0, load.limit - slots.length) }, () => now);
  // A slot frees in the order it was taken (requests of one list start and end in order): a queue suffices.
  const queue = [...free, ...slots];
  let head = 0;
  let t = now;
  for (let j = 0; j < load.remaining; j += 1) {
    const start = Math.max(t, queue[head]);
    head += 1;
    t = start + load.paceMs;
    queue.push(t + load.holdMs);
  }
  return t - now;
}
