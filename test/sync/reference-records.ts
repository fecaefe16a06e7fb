import { readFileSync } from 'node:fs';

const reference = (
  JSON.parse(readFileSync(new URL('../fixtures/reference-order.json', import.meta.url), 'utf8')) as {
    data: Record<string, unknown>[];
  }
).data[0];

/** The API reference's order record as order `id` (number 5000 + id), with `extra` fields replaced. */
export function orderRecord(id: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...reference, id, number: 5000 + id, ...extra };
}
