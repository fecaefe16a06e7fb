import type { IndexList } from './index-list';

export interface Pagination {
  total: number;
  count: number;
  per_page: number;
  current_page: number;
  total_pages: number;
  /** Fractal sends an empty PHP array (`[]`) when there is no link, an object otherwise. */
  links: { previous?: string; next?: string } | [];
}

/** Links are relative to the server (path and query), so two servers with the same seed send identical bytes. */
function linkTo(path: string, params: URLSearchParams, page: number): string {
  const copy = new URLSearchParams(params);
  copy.set('page', String(page));
  return `${path}?${copy.toString()}`;
}

export function paginate(
  list: IndexList,
  page: number,
  limit: number,
  path: string,
  params: URLSearchParams,
): { indices: number[]; pagination: Pagination } {
  const totalPages = Math.ceil(list.total / limit);
  const start = (page - 1) * limit;
  const end = Math.min(list.total, start + limit);
  const indices: number[] = [];
  for (let k = start; k < end; k++) indices.push(list.at(k));
  const links: { previous?: string; next?: string } = {};
  if (page > 1 && page - 1 <= totalPages) links.previous = linkTo(path, params, page - 1);
  if (page < totalPages) links.next = linkTo(path, params, page + 1);
  return {
    indices,
    pagination: {
      total: list.total,
      count: indices.length,
      per_page: limit,
      current_page: page,
      total_pages: totalPages,
      links: Object.keys(links).length ? links : [],
    },
  };
}
