import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addStore, openDatabase, writeOrderPage, type Db } from '../../src/main/core/db';
import type { Order } from '../../src/shared/domain/order';

export interface TempDb {
  db: Db;
  dir: string;
  file: string;
  close(): void;
}

/** A real database file in a fresh temp folder, removed by close(). */
export function tempDb(): TempDb {
  const dir = mkdtempSync(join(tmpdir(), 'balcao-db-'));
  const file = join(dir, 'cache.sqlite');
  const db = openDatabase(file);
  return {
    db,
    dir,
    file,
    close() {
      if (db.open) db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Fresh file paths in temp folders (no database opened); call cleanup() after each test. */
export function tempFiles(prefix: string): { file(): string; cleanup(): void } {
  const dirs: string[] = [];
  return {
    file() {
      const dir = mkdtempSync(join(tmpdir(), prefix));
      dirs.push(dir);
      return join(dir, 'cache.sqlite');
    },
    cleanup() {
      for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const SP = 'America/Sao_Paulo';

export function addTestStore(db: Db, id = 'store-a', timeZone = SP): void {
  addStore(db, {
    id,
    alias: id,
    name: `Loja ${id}`,
    apiBaseUrl: 'http://127.0.0.1:1',
    timeZone,
    isDemo: false,
    createdAt: '2024-01-01T00:00:00.000Z',
  });
}

/** A complete domain order; override what a test is about. */
export function makeOrder(id: number, over: Partial<Order> = {}, storeId = 'store-a'): Order {
  return {
    id,
    storeId,
    number: 1000 + id,
    status: { alias: 'paid', name: 'Pagamento aprovado', id: 4 },
    customer: {
      id: 500 + (id % 5),
      name: `Cliente ${id % 5}`,
      email: `cliente${id % 5}@example.com`,
      taxId: '12345678909',
      phone: '16981875668',
    },
    createdAt: { utc: `2024-03-${String((id % 28) + 1).padStart(2, '0')}T15:00:00.000Z`, zone: SP },
    updatedAt: { utc: '2024-04-01T15:00:00.000Z', zone: SP },
    totalCents: 10_000 + id,
    productsCents: 9_000,
    shipmentCents: 1_000 + id,
    discountCents: 0,
    taxCents: 0,
    payment: { alias: 'pix', name: 'Pix' },
    installments: 1,
    delivered: false,
    trackingCode: `BR${String(id).padStart(9, '0')}BR`,
    trackUrl: null,
    items: [
      {
        id: id * 10,
        sku: `SKU-${id}-A`,
        name: 'Camiseta',
        productId: 1,
        skuId: 2,
        quantity: 2,
        unitPriceCents: 4_500,
        gift: false,
        bundle: null,
      },
      {
        id: id * 10 + 1,
        sku: `SKU-${id}-B`,
        name: null,
        productId: 3,
        skuId: 4,
        quantity: 1,
        unitPriceCents: 0,
        gift: true,
        bundle: { id: 9, name: 'Kit' },
      },
    ],
    shippingAddress: {
      receiver: 'Maria',
      street: 'Rua A',
      number: '10',
      complement: null,
      neighborhood: 'Centro',
      city: 'São Carlos',
      uf: 'SP',
      zipcode: '13560000',
      country: 'BR',
      fullAddress: null,
    },
    transactions: [
      {
        id: id * 100,
        payment: { alias: 'pix', name: 'Pix' },
        amountCents: 10_000 + id,
        installments: 1,
        status: 'paid',
        authorized: true,
        captured: true,
        cancelled: false,
        createdAt: { utc: '2024-03-05T17:02:11.000Z', zone: SP },
      },
    ],
    statusHistory: [
      { alias: 'waiting_payment', name: 'Aguardando pagamento', at: { utc: '2024-03-05T17:00:00.000Z', zone: SP } },
      { alias: 'paid', name: 'Pagamento aprovado', at: { utc: '2024-03-05T17:02:11.000Z', zone: SP } },
    ],
    promocode: null,
    parseProblems: [],
    ...over,
  };
}

export function count(db: Db, sql: string, ...params: unknown[]): number {
  return (db.prepare(sql).get(...params) as { n: number }).n;
}

/** Writes orders as one sync page with empty raw records, no unreadable ones and no checkpoint. */
export function writeOrders(db: Db, storeId: string, orders: Order[]): void {
  writeOrderPage(
    db,
    storeId,
    orders,
    orders.map(() => ({})),
    [],
    null,
  );
}

const formats = new Map<string, Intl.DateTimeFormat>();
/** Where a UTC instant falls in `zone`, by Intl (independent of the app's luxon and UTC slices); weekday 0 = Monday. */
export function localParts(utc: string, zone: string): { day: string; hour: number; weekday: number } {
  let format = formats.get(zone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      hourCycle: 'h23',
      weekday: 'short',
    });
    formats.set(zone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(new Date(utc)).map((p) => [p.type, p.value]));
  const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(parts['weekday']);
  return { day: `${parts['year']}-${parts['month']}-${parts['day']}`, hour: Number(parts['hour']), weekday };
}
