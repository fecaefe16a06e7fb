/** JSON the cache stores in text columns, read back. */

/** Raw API JSON as stored (raw-json.ts), back as the value it was. */
export function parseJson(json: string): unknown {
  const value: unknown = JSON.parse(json);
  return value;
}

/** Parse problems are stored as a JSON list of strings (orders and customers alike). */
export function problemList(json: string): string[] {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? value.filter((p): p is string => typeof p === 'string') : [];
}
