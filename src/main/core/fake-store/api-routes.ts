import { queryCustomers } from './customer-query';
import type { IndexList } from './index-list';
import { parseOrderFilters, queryOrders } from './order-query';
import { paginate } from './pagination';
import { presentCustomer, presentOrder } from './present';
import { quirkCustomer, quirkEnvelopeIsArray, quirkOrder } from './quirks';
import type { ScrollSessions } from './scroll-sessions';
import type { StoreModel } from './store-model';
import { ValidationError, includesOf, pageParams } from './validation';

export interface ApiContext {
  model: StoreModel;
  quirks: boolean;
  scrolls: ScrollSessions;
}

export interface ApiResult {
  status: number;
  body: unknown;
}

export type RouteName = 'orders.list' | 'orders.show' | 'customers.list' | 'customers.show' | 'statuses.list';

export interface MatchedRoute {
  name: RouteName;
  id?: string;
}

/** `rest` is the path after `/v2/{alias}`. */
export function matchRoute(rest: string): MatchedRoute | null {
  const parts = rest.split('/').filter(Boolean);
  if (parts[0] === 'orders' && parts.length === 1) return { name: 'orders.list' };
  if (parts[0] === 'orders' && parts.length === 2) return { name: 'orders.show', id: parts[1] };
  if (parts[0] === 'customers' && parts.length === 1) return { name: 'customers.list' };
  if (parts[0] === 'customers' && parts.length === 2) return { name: 'customers.show', id: parts[1] };
  if (parts[0] === 'checkout' && parts[1] === 'statuses' && parts.length === 2) return { name: 'statuses.list' };
  return null;
}

function orderBody(ctx: ApiContext, index: number, includes: Set<string>): Record<string, unknown> {
  const presented = presentOrder(ctx.model.order(index), includes);
  return ctx.quirks ? quirkOrder(presented, ctx.model.shape.seed) : presented;
}

function customerBody(ctx: ApiContext, index: number, includes: Set<string>): Record<string, unknown> {
  const presented = presentCustomer(ctx.model.customer(index), includes);
  return ctx.quirks ? quirkCustomer(presented, ctx.model.shape.seed) : presented;
}

const notFound = (what: string): ApiResult => ({ status: 404, body: { message: `${what} not found.` } });

function scrollBatch(ctx: ApiContext, scrollId: string): ApiResult {
  const taken = ctx.scrolls.take(scrollId);
  if (!taken) return notFound('Scroll');
  const { session, indices } = taken;
  const render = session.kind === 'orders' ? orderBody : customerBody;
  return {
    status: 200,
    body: {
      scroll_id: scrollId,
      data: indices.map((i) => render(ctx, i, session.includes)),
      meta: {
        pagination: {
          total: session.list.total,
          count: indices.length,
          per_page: session.limit,
          current_page: session.batch,
          total_pages: Math.ceil(session.list.total / session.limit),
        },
      },
    },
  };
}

function listOrPage(
  ctx: ApiContext,
  kind: 'orders' | 'customers',
  list: () => IndexList,
  path: string,
  params: URLSearchParams,
): ApiResult {
  const scrollId = params.get('scroll_id');
  if (scrollId) return scrollBatch(ctx, scrollId);
  const { page, limit } = pageParams(params);
  const includes = includesOf(params);
  if (params.get('scroll') === 'true') return scrollBatch(ctx, ctx.scrolls.open(kind, list(), limit, includes));
  const { indices, pagination } = paginate(list(), page, limit, path, params);
  const render = kind === 'orders' ? orderBody : customerBody;
  return { status: 200, body: { data: indices.map((i) => render(ctx, i, includes)), meta: { pagination } } };
}

export function handleApi(ctx: ApiContext, route: MatchedRoute, path: string, params: URLSearchParams): ApiResult {
  try {
    switch (route.name) {
      case 'orders.list':
        return listOrPage(ctx, 'orders', () => queryOrders(ctx.model, parseOrderFilters(params)), path, params);
      case 'customers.list':
        return listOrPage(ctx, 'customers', () => queryCustomers(ctx.model, params), path, params);
      case 'orders.show': {
        const index = /^\d+$/.test(route.id!) ? ctx.model.orderIndexOfId(Number(route.id)) : null;
        if (index === null) return notFound('Order');
        const body = orderBody(ctx, index, includesOf(params));
        // The documented quirk: one order inside a `data` array.
        const asArray = ctx.quirks ? quirkEnvelopeIsArray(ctx.model.shape.seed, index, true) : true;
        return { status: 200, body: { data: asArray ? [body] : body } };
      }
      case 'customers.show': {
        const index = /^\d+$/.test(route.id!) ? ctx.model.customerIndexOfId(Number(route.id)) : null;
        if (index === null) return notFound('Customer');
        const body = customerBody(ctx, index, includesOf(params));
        const asArray = ctx.quirks ? quirkEnvelopeIsArray(ctx.model.shape.seed, index, false) : false;
        return { status: 200, body: { data: asArray ? [body] : body } };
      }
      case 'statuses.list':
        return { status: 200, body: { data: ctx.model.statuses.map(({ id, alias, name }) => ({ id, alias, name })) } };
    }
  } catch (error) {
    if (error instanceof ValidationError) return { status: 422, body: error.body() };
    throw error;
  }
}
