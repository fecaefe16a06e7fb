import { DateTime } from 'luxon';
import { setReview, writeOrderPage, type Db } from '../../src/main/core/db';
import type { Order } from '../../src/shared/domain/order';
import { addTestStore, makeOrder, SP } from './helpers';

const STATUSES = [
  { alias: 'paid', name: 'Pagamento aprovado' },
  { alias: 'delivered', name: 'Entregue' },
  { alias: 'cancelled', name: 'Cancelado' },
  { alias: 'waiting_payment', name: 'Aguardando pagamento' },
  { alias: 'on_carriage', name: 'Em transporte' },
];
const PAYMENTS = ['pix', 'billet', 'visa'];
const CUSTOMERS = [
  { name: 'Álvaro Souza', email: 'alvaro.souza@example.com', taxId: '52998224725', phone: '11987654321' },
  { name: 'alvaro Lima', email: 'lima@exemplo.com.br', taxId: '11144477735', phone: '21912345678' },
  { name: 'Beatriz Nunes', email: 'bia@example.com', taxId: '11222333000181', phone: '1633334444' },
  { name: 'Çarla Dias', email: 'carla@example.com', taxId: null, phone: null },
  { name: 'Zé Carlos', email: 'ze@example.com', taxId: '98765432100', phone: '31999990000' },
  { name: null, email: null, taxId: null, phone: null },
];

export const N = 40;

/** 40 orders with ties, nulls, accents and times near São Paulo midnight, plus a second store that must never leak in. */
export function dataset(): Order[] {
  const orders: Order[] = [];
  for (let i = 1; i <= N; i += 1) {
    const c = CUSTOMERS[i % CUSTOMERS.length];
    const day = (i % 20) + 1;
    // Alternate between 23:30 and 00:30 São Paulo time (UTC-3): day boundaries must follow the store zone.
    const utc = DateTime.fromObject(
      { year: 2024, month: 3, day, hour: i % 2 === 0 ? 23 : 0, minute: 30 },
      { zone: SP },
    ).toUTC();
    orders.push(
      makeOrder(i, {
        number: 5000 - i * 3,
        // 17 unreadable; 29 a status the app does not know (the status sort puts it after delivered).
        status:
          i === 17
            ? null
            : i === 29
              ? { alias: 'em_analise', name: 'Em análise', id: 99 }
              : { ...STATUSES[i % STATUSES.length], id: i % STATUSES.length },
        customer: { id: 100 + (i % CUSTOMERS.length), ...c },
        createdAt: i === 23 ? null : { utc: utc.toFormat("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'"), zone: SP },
        totalCents: i === 13 ? null : i % 10 === 0 ? 5000 : (i * 7919) % 50_000,
        payment: { alias: PAYMENTS[i % PAYMENTS.length], name: null },
        delivered: i % 4 === 0,
        trackingCode: i % 3 === 0 ? `QB${String(i).padStart(9, '0')}BR` : null,
        items: [
          {
            id: i,
            sku: `CAM-${i % 2 === 0 ? 'AZ' : 'VM'}-${i}`,
            name: null,
            productId: null,
            skuId: null,
            quantity: 1,
            unitPriceCents: 100,
            gift: false,
            bundle: null,
          },
        ],
      }),
    );
  }
  return orders;
}

export function seed(db: Db): Order[] {
  addTestStore(db, 'store-a');
  addTestStore(db, 'store-b');
  const orders = dataset();
  writeOrderPage(
    db,
    'store-a',
    orders.slice(0, 25),
    orders.slice(0, 25).map((o) => ({ id: o.id })),
    [],
    null,
  );
  writeOrderPage(
    db,
    'store-a',
    orders.slice(25),
    orders.slice(25).map((o) => ({ id: o.id })),
    [],
    null,
  );
  const other = dataset().map((o) => ({ ...o, storeId: 'store-b' }));
  writeOrderPage(
    db,
    'store-b',
    other,
    other.map(() => ({})),
    [],
    null,
  );
  for (const o of orders) {
    if (o.id % 7 === 0 || o.id % 9 === 0)
      setReview(db, 'store-a', o.id, { reviewed: o.id % 7 === 0, flagged: o.id % 9 === 0 });
  }
  return orders;
}

export const reviewedIds = (orders: Order[]) => orders.filter((o) => o.id % 7 === 0).map((o) => o.id);
export const flaggedIds = (orders: Order[]) => orders.filter((o) => o.id % 9 === 0).map((o) => o.id);

/** The store-zone day an order was placed on, as the oracle for date filters. */
export const spDay = (o: Order): string | null =>
  o.createdAt === null ? null : DateTime.fromISO(o.createdAt.utc).setZone(SP).toISODate();
