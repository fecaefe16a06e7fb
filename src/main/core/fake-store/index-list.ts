/** A list of record indices in response order: a plain range when no filter forces a scan. */
export interface IndexList {
  readonly total: number;
  at(position: number): number;
}

export function rangeList(from: number, to: number, descending: boolean): IndexList {
  const total = Math.max(0, to - from);
  return { total, at: (k) => (descending ? to - 1 - k : from + k) };
}

export function arrayList(indices: ArrayLike<number>): IndexList {
  return { total: indices.length, at: (k) => indices[k] };
}
