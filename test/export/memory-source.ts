import type { CustomerDetail } from '../../src/shared/domain/customer';
import type { Address, OrderDetail, OrderLines, OrderSummary } from '../../src/shared/domain/order';
import type { OrderQuery } from '../../src/shared/domain/query';
import { ALL_ORDER_INCLUDES, presentCustomer, presentOrder, StoreModel } from '../../src/main/core/fake-store';
import { normalizeCustomer, normalizeOrder } from '../../src/main/core/normalize';
import type { CustomerRecord, ExportSource, StoreInfo } from '../../src/main/core/export/source';
import { summaryOf } from '../../src/main/core/export/selection';

export const STORE: StoreInfo = { name: 'Loja Aurora — Ateliê & Café', timeZone: 'America/Sao_Paulo' };
const CTX = { storeId: 'store-1', storeZone: STORE.timeZone };
const INCLUDES = new Set(ALL_ORDER_INCLUDES.split(','));
const NOT_COUNTED = new Set(['cancelled', 'refused', 'refunded']);

/** An order as the cache would hand it over: the real normaliser over raw API JSON. */
export function detailFromRaw(raw: Record<string, unknown>, review: Partial<OrderDetail['review']> = {}): OrderDetail {
  const { order } = normalizeOrder(raw, CTX);
  if (!order) throw new Error('fixture order did not normalise');
  return { order, raw, review: { reviewed: false, flagged: false, note: '', updatedAt: null, ...review } };
}

/** An ExportSource over orders and customers held in memory, paging like the cache does. */
export class MemorySource implements ExportSource {
  readonly byId = new Map<number, OrderDetail>();
  readonly customers = new Map<number, CustomerRecord>();
  pageSize = 100;

  constructor(
    orders: readonly OrderDetail[],
    readonly info: StoreInfo = STORE,
  ) {
    for (const detail of orders) this.byId.set(detail.order.id, detail);
  }

  async store(): Promise<StoreInfo> {
    return this.info;
  }

  async orders(ids: readonly number[]): Promise<(OrderDetail | null)[]> {
    return ids.map((id) => this.byId.get(id) ?? null);
  }

  async orderLines(ids: readonly number[]): Promise<(OrderLines | null)[]> {
    return this.orders(ids);
  }

  private readonly matches = new Map<string, OrderSummary[]>();

  /** Summaries the query matches, newest first; kept per query, as a cache index would be. */
  matching(query: OrderQuery): OrderSummary[] {
    const key = JSON.stringify(query);
    let rows = this.matches.get(key);
    if (!rows) {
      rows = this.filter(query);
      this.matches.set(key, rows);
    }
    return rows;
  }

  private filter(query: OrderQuery): OrderSummary[] {
    const rows = [...this.byId.values()]
      .filter((d) => query.customerId === undefined || d.order.customer?.id === query.customerId)
      .filter((d) => !query.statuses?.length || query.statuses.includes(d.order.status?.alias ?? ''))
      .filter((d) => !query.paymentMethods?.length || query.paymentMethods.includes(d.order.payment?.alias ?? ''))
      .map(summaryOf);
    return rows.sort((a, b) => (b.createdAt?.utc ?? '').localeCompare(a.createdAt?.utc ?? '') || b.id - a.id);
  }

  async *ordersMatching(query: OrderQuery): AsyncIterable<OrderSummary[]> {
    const rows = this.matching(query);
    for (let i = 0; i < rows.length; i += this.pageSize) yield rows.slice(i, i + this.pageSize);
  }

  async customer(id: number): Promise<CustomerRecord | null> {
    return this.customers.get(id) ?? null;
  }

  /** A customer with totals computed from the orders held, as the cache computes them. */
  addCustomer(raw: Record<string, unknown>, addresses: Address[]): CustomerRecord {
    const { customer } = normalizeCustomer(raw, CTX);
    if (!customer) throw new Error('fixture customer did not normalise');
    const orders = this.matching({ customerId: customer.id });
    const counted = orders.filter((o) => !NOT_COUNTED.has(o.status?.alias ?? ''));
    const spentCents = counted.reduce((sum, o) => sum + (o.totalCents ?? 0), 0);
    const dates = orders.map((o) => o.createdAt).filter((d) => d !== null);
    dates.sort((a, b) => a.utc.localeCompare(b.utc));
    const detail: CustomerDetail = {
      customer,
      raw,
      totals: {
        orderCount: orders.length,
        spentCents,
        averageCents: counted.length ? Math.round(spentCents / counted.length) : 0,
        firstOrderAt: dates[0] ?? null,
        lastOrderAt: dates[dates.length - 1] ?? null,
      },
      addresses: [],
    };
    const record = { detail, addresses };
    this.customers.set(customer.id, record);
    this.matches.clear();
    return record;
  }
}

/** Raw orders from the fake store's generator: realistic Brazilian orders, the same for a seed. */
export function generatedRaw(count: number, seed = 7): { model: StoreModel; raws: Record<string, unknown>[] } {
  const model = new StoreModel({ seed, orders: count, customers: Math.max(1, Math.ceil(count / 3)) });
  const raws: Record<string, unknown>[] = [];
  for (let index = 0; index < count; index++) raws.push(structuredClone(presentOrder(model.order(index), INCLUDES)));
  return { model, raws };
}

/** A source over `count` generated orders, with every customer who has orders. */
export function generatedSource(count: number, seed = 7): MemorySource {
  const { model, raws } = generatedRaw(count, seed);
  const source = new MemorySource(raws.map((raw) => detailFromRaw(raw)));
  const customerIds = new Set([...source.byId.values()].map((d) => d.order.customer?.id));
  for (let index = 0; index < model.shape.customers; index++) {
    const facts = model.customer(index);
    if (!customerIds.has(facts.id)) continue;
    const raw = presentCustomer(facts, new Set());
    source.addCustomer(
      raw,
      facts.addresses.map((a) => ({
        receiver: a.receiver,
        street: a.street,
        number: a.number,
        complement: a.complement,
        neighborhood: a.neighborhood,
        city: a.city,
        uf: a.uf,
        zipcode: a.zipcode,
        country: a.country,
        fullAddress: a.full_address,
      })),
    );
  }
  return source;
}
