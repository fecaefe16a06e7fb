const sortKeys = new Map<string, string>();

/** Sort key for names: case and accents folded, so "Álvaro" sorts beside "alvaro" (SQLite's NOCASE is ASCII only). */
export function sortKey(name: string | null): string | null {
  if (name === null) return null;
  let key = sortKeys.get(name);
  if (key === undefined) {
    key = name.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase('pt-BR');
    // Names repeat across a customer's orders; the bound keeps a long sync's memory flat.
    if (sortKeys.size >= 50_000) sortKeys.clear();
    sortKeys.set(name, key);
  }
  return key;
}
