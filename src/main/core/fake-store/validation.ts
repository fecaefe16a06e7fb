/** A Laravel-style 422: `{ message, errors: { field: [ … ] } }`. */
export class ValidationError extends Error {
  constructor(
    readonly field: string,
    readonly detail: string,
  ) {
    super('The given data was invalid.');
  }
  body(): { message: string; errors: Record<string, string[]> } {
    return { message: this.message, errors: { [this.field]: [this.detail] } };
  }
}

export const MAX_LIMIT = 100;
export const DEFAULT_LIMIT = 15;

export interface PageParams {
  page: number;
  limit: number;
}

function positiveInt(params: URLSearchParams, name: string, fallback: number): number {
  const raw = params.get(name);
  if (raw === null || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < 1)
    throw new ValidationError(name, `The ${name} must be an integer of at least 1.`);
  return Number(raw);
}

/** A limit above 100 is refused with 422 rather than clamped, so a client bug shows instead of silently paging short. */
export function pageParams(params: URLSearchParams): PageParams {
  const limit = positiveInt(params, 'limit', DEFAULT_LIMIT);
  if (limit > MAX_LIMIT) throw new ValidationError('limit', `The limit may not be greater than ${MAX_LIMIT}.`);
  return { page: positiveInt(params, 'page', 1), limit };
}

export function includesOf(params: URLSearchParams): Set<string> {
  const raw = params.get('include') ?? '';
  return new Set(
    raw
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );
}
