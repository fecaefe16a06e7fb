/**
 * The tests' own statement of what the cache keeps of a raw record: a copy without the keys that act as credentials,
 * at any depth. The app serialises with `redactedJson` (src/main/core/normalize/redact.ts) without building a copy;
 * this copy is the independent oracle it is checked against.
 */
const SECRET_KEYS = new Set(['token', 'login_url', 'access_token', 'password']);

export function redactSecrets(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((entry) => redactSecrets(entry));
  const out: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) {
    if (SECRET_KEYS.has(key)) continue;
    // defineProperty, not assignment: a record's own "__proto__" key (JSON.parse makes one) would set the copy's
    // prototype and vanish from it.
    Object.defineProperty(out, key, {
      value: redactSecrets(entry),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}
