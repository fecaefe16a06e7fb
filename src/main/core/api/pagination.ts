import type { Pagination } from './types';

/** Numbers may arrive as strings ("12"); anything else unreadable counts as absent. */
export function lenientNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '') {
    const parsed = Number(value.trim());
    return Number.isFinite(parsed) ? parsed : undefined;
  }
  return undefined;
}

function field(source: unknown, key: string): unknown {
  return source !== null && typeof source === 'object' && !Array.isArray(source)
    ? (source as Record<string, unknown>)[key]
    : undefined;
}

/** Reads `meta.pagination` (Laravel/Fractal shape) without trusting any part of it to exist. */
export function readPagination(body: unknown): Pagination {
  const pagination = field(field(body, 'meta'), 'pagination');
  return {
    totalPages: lenientNumber(field(pagination, 'total_pages')),
    total: lenientNumber(field(pagination, 'total')),
    currentPage: lenientNumber(field(pagination, 'current_page')),
    perPage: lenientNumber(field(pagination, 'per_page')),
  };
}
