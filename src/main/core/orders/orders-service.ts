import type { CustomerDetail, CustomerSummary } from '../../../shared/domain/customer';
import type { OrderDetail, OrderLines, OrderSummary, ReviewState } from '../../../shared/domain/order';
import type { CustomerQuery, OrderQuery, Page, StatusCount } from '../../../shared/domain/query';
import { AppError } from '../base/app-error';
import {
  countOrders,
  getCustomerDetail,
  getOrderDetail,
  getOrderLines,
  listCustomers,
  listOrders,
  orderStatusCounts,
  setReview,
  setReviewMany,
  type Db,
} from '../db';
import { getStore } from '../db/stores-repo';
import { readPainel, type PainelRequest } from '../db/painel/painel-query';
import type { Painel } from '../../../shared/domain/painel';
import type { SavedView } from '../../../shared/domain/saved-view';
import { listViews, moveView, removeView, renameView, saveView, type ViewInput } from '../db/views-repo';

/**
 * Reading the cache for the screens: every call answers from SQLite only, so
 * it works the same with no network. A store id that is not (or no longer)
 * there is NOT_FOUND rather than an empty page, so a removed store cannot be
 * mistaken for an empty one.
 */
export class OrdersService {
  constructor(private readonly db: Db) {}

  #store(storeId: string): { timeZone: string } {
    const store = getStore(this.db, storeId);
    if (!store) throw new AppError('NOT_FOUND', 'no such store', { params: { reason: 'store' } });
    return store;
  }

  /** `now` is the clock the period is read against ("today" in the store's zone). */
  painel(storeId: string, request: PainelRequest, now: Date = new Date()): Promise<Painel> {
    return readPainel(this.db, storeId, this.#store(storeId).timeZone, request, now);
  }

  listOrders(storeId: string, query: OrderQuery): Page<OrderSummary> {
    this.#store(storeId);
    return listOrders(this.db, storeId, query);
  }

  statusCounts(storeId: string, query: OrderQuery): StatusCount[] {
    this.#store(storeId);
    return orderStatusCounts(this.db, storeId, query);
  }

  /** The cached columns answer lists and filters; the detail is read from the stored raw record (getOrderDetail). */
  order(storeId: string, orderId: number): OrderDetail {
    this.#store(storeId);
    const detail = getOrderDetail(this.db, storeId, orderId);
    if (!detail) throw new AppError('NOT_FOUND', 'order not cached', { params: { reason: 'order', id: orderId } });
    return detail;
  }

  /**
   * Many orders as their columns hold them (no facts, status history, transactions or raw record), in the order asked,
   * null where an id is not cached: lists, sums and CSV rows of thousands of orders read in a few statements.
   */
  orderLines(storeId: string, orderIds: readonly number[]): (OrderLines | null)[] {
    this.#store(storeId);
    const found = getOrderLines(this.db, storeId, orderIds);
    return orderIds.map((id) => found.get(id) ?? null);
  }

  setReview(
    storeId: string,
    orderId: number,
    patch: Partial<Pick<ReviewState, 'reviewed' | 'flagged' | 'note'>>,
  ): ReviewState {
    this.order(storeId, orderId);
    return setReview(this.db, storeId, orderId, patch);
  }

  /**
   * The same marks on many orders (picked ids, or every order a filter matches), in one transaction. Past `max`
   * orders nothing is written: a bulk change that large is more likely a slip than a wish.
   */
  setReviewMany(
    storeId: string,
    selection: { ids: readonly number[] } | { query: OrderQuery },
    patch: Partial<Pick<ReviewState, 'reviewed' | 'flagged'>>,
    max: number,
  ): { updated: number } {
    this.#store(storeId);
    const tooMany = () =>
      new AppError('INVALID_INPUT', `At most ${max} orders at once.`, { params: { reason: 'tooMany', max } });
    let ids: readonly number[];
    if ('ids' in selection) ids = selection.ids;
    else {
      if (countOrders(this.db, storeId, selection.query, max + 1).total > max) throw tooMany();
      const found: number[] = [];
      for (let offset = 0; ; offset += 500) {
        const { rows } = listOrders(this.db, storeId, { ...selection.query, offset, limit: 500 });
        found.push(...rows.map((r) => r.id));
        if (rows.length < 500) break;
      }
      ids = found;
    }
    if (ids.length > max) throw tooMany();
    return { updated: setReviewMany(this.db, storeId, ids, patch) };
  }

  listCustomers(storeId: string, query: CustomerQuery): Page<CustomerSummary> {
    this.#store(storeId);
    return listCustomers(this.db, storeId, query);
  }

  customer(storeId: string, customerId: number): CustomerDetail {
    this.#store(storeId);
    const detail = getCustomerDetail(this.db, storeId, customerId);
    if (!detail)
      throw new AppError('NOT_FOUND', 'customer not cached', { params: { reason: 'customer', id: customerId } });
    return detail;
  }

  /** The order list's saved views (merchant.db): a removed store has none to list or change. */
  views(storeId: string): SavedView[] {
    this.#store(storeId);
    return listViews(this.db, storeId);
  }

  saveView(storeId: string, input: ViewInput): SavedView {
    this.#store(storeId);
    return saveView(this.db, storeId, input);
  }

  renameView(storeId: string, id: number, name: string): SavedView {
    this.#store(storeId);
    return renameView(this.db, storeId, id, name);
  }

  removeView(storeId: string, id: number): void {
    this.#store(storeId);
    removeView(this.db, storeId, id);
  }

  moveView(storeId: string, id: number, position: number): SavedView[] {
    this.#store(storeId);
    return moveView(this.db, storeId, id, position);
  }
}
