import type { AppInfo, CacheHealth, Connectivity } from '../../../shared/domain/app';
import type { Handlers } from './dispatcher';
import type { OrdersService } from '../orders/orders-service';
import { orderLink, type OpenOrderLink } from '../orders/order-links';
import type { StoresService } from '../stores/stores-service';
import type { SyncManager } from '../sync/sync-manager';
import type { SyncScheduler } from '../sync/scheduler';
import type { ExportService } from '../export/export-service';
import { MAX_REVIEW_MANY } from '../../../shared/ipc/contract';

export interface ServiceDeps {
  appInfo: AppInfo;
  cacheHealth: () => CacheHealth;
  stores: StoresService;
  orders: OrdersService;
  sync: SyncManager;
  scheduler: Pick<SyncScheduler, 'schedule' | 'setSchedule'>;
  connectivity: { readonly current: Connectivity };
  /** Absent where no browser can be opened (the preview's bridge, the CLI): `links.open` then opens nothing. */
  openLink?: OpenOrderLink;
  exports: ExportService;
}

/**
 * Every call of the contract, mapped onto the core's services. The `Handlers`
 * type makes a call without a handler a compile error, so nothing in the
 * contract can be left unanswered.
 */
export function createService(deps: ServiceDeps): Handlers {
  const { stores, orders, sync } = deps;
  return {
    'app.info': () => deps.appInfo,
    'app.cacheHealth': () => deps.cacheHealth(),
    'connectivity.get': () => deps.connectivity.current,

    'stores.list': () => stores.list(),
    'stores.add': (input) => stores.add(input),
    'stores.update': (input) => stores.update(input),
    'stores.remove': async ({ id }) => {
      // A sync writing into a store being erased would bring rows back.
      sync.cancel(id);
      await stores.remove(id);
      return null;
    },
    'stores.testConnection': ({ id }) => stores.testConnection(id),
    'stores.addDemo': () => stores.addDemo(),

    'sync.start': async ({ storeId, mode }) => {
      await stores.get(storeId);
      sync.start(storeId, mode ?? 'auto');
      return null;
    },
    'sync.cancel': ({ storeId }) => {
      sync.cancel(storeId);
      return null;
    },

    'orders.list': ({ storeId, query }) => orders.listOrders(storeId, query),
    'orders.statusCounts': ({ storeId, query }) => orders.statusCounts(storeId, query),
    'orders.get': ({ storeId, orderId }) => orders.order(storeId, orderId),
    'orders.setReview': ({ storeId, orderId, ...patch }) => orders.setReview(storeId, orderId, patch),
    'customers.list': ({ storeId, query }) => orders.listCustomers(storeId, query),
    'customers.get': ({ storeId, customerId }) => orders.customer(storeId, customerId),

    'sync.getSchedule': () => deps.scheduler.schedule,
    'sync.setSchedule': (schedule) => deps.scheduler.setSchedule(schedule),

    'links.open': async ({ storeId, orderId, kind }) => {
      const link = orderLink(orders.order(storeId, orderId).order, kind);
      return link !== null && deps.openLink !== undefined ? deps.openLink(link) : false;
    },
    'export.pdf': (input) => deps.exports.pdf(input),
    'export.csv': (input) => deps.exports.csv(input),
    'export.cancel': ({ jobId }) => {
      deps.exports.cancel(jobId);
      return null;
    },
    'export.open': async ({ jobId, reveal }) => {
      await deps.exports.open(jobId, reveal);
      return null;
    },
    'export.getSender': ({ storeId }) => deps.exports.sender(storeId),
    'export.setSender': ({ storeId, sender }) => deps.exports.setSender(storeId, sender),
    'orders.setReviewMany': ({ storeId, selection, ...patch }) =>
      orders.setReviewMany(storeId, selection, patch, MAX_REVIEW_MANY),
    'views.list': ({ storeId }) => orders.views(storeId),
    'views.save': ({ storeId, id, ...view }) => orders.saveView(storeId, id === undefined ? view : { id, ...view }),
    'views.rename': ({ storeId, id, name }) => orders.renameView(storeId, id, name),
    'views.remove': ({ storeId, id }) => {
      orders.removeView(storeId, id);
      return null;
    },
    'views.move': ({ storeId, id, position }) => orders.moveView(storeId, id, position),
    'painel.get': ({ storeId, ...request }) => orders.painel(storeId, request),
  };
}
