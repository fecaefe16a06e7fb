import { AppError } from '../base/app-error';
import type { DateRange, ListCustomersParams, ListOrdersParams } from './types';

export const MAX_PAGE_SIZE = 100;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const INCLUDE = /^[a-z][a-z_.]*$/;
const ID = /^[A-Za-z0-9_-]+$/;
const SORT_FIELD = /^[a-z][a-z_.]*$/;

function invalid(field: string): AppError {
  return new AppError('INVALID_INPUT', `invalid ${field} for the store API`, { params: { reason: 'field', field } });
}

function positiveInt(name: string, value: number, max = Number.MAX_SAFE_INTEGER): number {
  if (!Number.isInteger(value) || value < 1 || value > max) throw invalid(name);
  return value;
}

/**
 * Ids go into the URL path: refusing anything but plain tokens keeps a bad id
 * from turning into a different route ("../customers").
 */
export function recordId(value: number | string): string {
  const text = String(value);
  if (!ID.test(text)) throw invalid('id');
  return text;
}

export function includeValue(include: readonly string[] | undefined): string | undefined {
  if (!include || include.length === 0) return undefined;
  for (const name of include) if (!INCLUDE.test(name)) throw invalid('include');
  return include.join(',');
}

/** `created_at:2024-01-01|2024-01-31`: the API reads a day range, inclusive. */
export function dateValue(range: DateRange): string {
  const to = range.to ?? range.from;
  if (!DAY.test(range.from) || !DAY.test(to)) throw invalid('date');
  return `${range.field ?? 'created_at'}:${range.from}|${to}`;
}

function paging(query: URLSearchParams, page: number | undefined, limit: number | undefined): void {
  if (page !== undefined) query.set('page', String(positiveInt('page', page)));
  if (limit !== undefined) query.set('limit', String(positiveInt('limit', limit, MAX_PAGE_SIZE)));
}

export function orderListQuery(params: ListOrdersParams = {}): URLSearchParams {
  const query = new URLSearchParams();
  paging(query, params.page, params.limit);
  const include = includeValue(params.include);
  if (include) query.set('include', include);
  if (params.date) query.set('date', dateValue(params.date));
  // A bare `status_id=4` is silently ignored by the API (every order comes back): only the array form filters.
  for (const id of params.statusIds ?? []) query.append('status_id[]', recordId(id));
  if (params.q !== undefined && params.q !== '') query.set('q', params.q);
  if (params.customerId !== undefined) query.set('customer_id', recordId(params.customerId));
  if (params.orderBy !== undefined) {
    if (!SORT_FIELD.test(params.orderBy)) throw invalid('orderBy');
    query.set('orderBy', params.orderBy);
  }
  if (params.sortedBy !== undefined) {
    if (params.sortedBy !== 'asc' && params.sortedBy !== 'desc') throw invalid('sortedBy');
    query.set('sortedBy', params.sortedBy);
  }
  if (params.skipCache) query.set('skipCache', 'true');
  return query;
}

export function customerListQuery(params: ListCustomersParams = {}): URLSearchParams {
  const query = new URLSearchParams();
  paging(query, params.page, params.limit);
  const include = includeValue(params.include);
  if (include) query.set('include', include);
  if (params.q !== undefined && params.q !== '') query.set('q', params.q);
  if (params.skipCache) query.set('skipCache', 'true');
  return query;
}
