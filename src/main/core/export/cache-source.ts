import type { Address, OrderDetail, OrderLines, OrderSummary } from '../../../shared/domain/order';
import type { OrderQuery } from '../../../shared/domain/query';
import { AppError } from '../base/app-error';
import type { OrdersService } from '../orders/orders-service';
import { turn } from './selection';
import type { CustomerRecord, ExportSource, StoreInfo } from './source';

/** Rows per read of a filter: the most `orders.list` hands out at once. */
export const SOURCE_PAGE = 500;
/** Orders read between two turns of the event loop. */
const ORDERS_PER_TURN = 25;
/** Orders read from their columns in one batch of statements, between two turns of the event loop. */
const LINES_PER_READ = 250;
/** A customer's addresses are read from this many of their latest orders. */
const ADDRESS_ORDERS = 50;

/**
 * The export engine's data source over the same reads as the screens (`orders.list` pages, `orders.get`,
 * `customers.get`), so a document shows what the app shows, from the cache alone; lists, sums and CSV rows read
 * their orders' columns many at a time instead (`orders.orderLines`).
 */
export function cacheSource(orders: OrdersService, storeId: string, store: () => Promise<StoreInfo>): ExportSource {
  const orNull = <T>(read: () => T): T | null => {
    try {
      return read();
    } catch (error) {
      if (error instanceof AppError && error.code === 'NOT_FOUND' && error.params?.['reason'] !== 'store') return null;
      throw error;
    }
  };
  async function* ordersMatching(query: OrderQuery): AsyncIterable<OrderSummary[]> {
    for (let offset = 0; ; offset += SOURCE_PAGE) {
      const page = orders.listOrders(storeId, { ...query, offset, limit: SOURCE_PAGE });
      if (page.rows.length > 0) yield page.rows;
      if (page.rows.length < SOURCE_PAGE) return;
    }
  }
  return {
    store,
    async orders(ids) {
      const details: (OrderDetail | null)[] = [];
      for (const [index, id] of ids.entries()) {
        // Each order is a row read and its raw JSON parsed: a part of 500 in one go held the loop for 350 ms.
        if (index > 0 && index % ORDERS_PER_TURN === 0) await turn();
        details.push(orNull(() => orders.order(storeId, id)));
      }
      return details;
    },
    async orderLines(ids) {
      const lines: (OrderLines | null)[] = [];
      for (let start = 0; start < ids.length; start += LINES_PER_READ) {
        if (start > 0) await turn();
        lines.push(...orders.orderLines(storeId, ids.slice(start, start + LINES_PER_READ)));
      }
      return lines;
    },
    ordersMatching,
    async customer(id): Promise<CustomerRecord | null> {
      const detail = orNull(() => orders.customer(storeId, id));
      if (!detail) return null;
      const latest = orders.listOrders(storeId, {
        customerId: id,
        sort: { key: 'date', direction: 'desc' },
        limit: ADDRESS_ORDERS,
      });
      const addresses = new Map<string, Address>();
      for (const row of latest.rows) {
        const address = orNull(() => orders.order(storeId, row.id))?.order.shippingAddress;
        if (!address) continue;
        const key = [address.zipcode, address.street, address.number, address.complement].join('|');
        if (!addresses.has(key)) addresses.set(key, address);
      }
      return { detail, addresses: [...addresses.values()] };
    },
  };
}
