import { describe, expect, it } from 'vitest';
import { createService } from '../../src/main/core/ipc/handlers';
import type { OrdersService } from '../../src/main/core/orders/orders-service';
import type { OrderLink } from '../../src/main/core/orders/order-links';
import type { Order, OrderDetail } from '../../src/shared/domain/order';
import type { ServiceDeps } from '../../src/main/core/ipc/handlers';

const cached = {
  id: 7,
  trackUrl: 'https://rastreio.example.com/?o=QB1BR',
  customer: { id: 1, name: 'Ana', email: null, taxId: null, phone: '11987654321' },
  transactions: [
    { id: 1, more: {} },
    { id: 2, more: { billetUrl: 'https://boleto.example.com.br/ff' } },
  ],
} as unknown as Order;

function service(order: Order, openLink?: (link: OrderLink) => Promise<boolean>) {
  const orders = {
    order: (storeId: string, orderId: number): OrderDetail => {
      if (storeId !== 's1' || orderId !== order.id) throw new Error('not cached');
      return { order, review: { reviewed: false, flagged: false, note: '', updatedAt: null }, raw: {} };
    },
  } as unknown as OrdersService;
  return createService({ orders, ...(openLink ? { openLink } : {}) } as unknown as ServiceDeps);
}

describe('links.open', () => {
  it('hands the shell what the cached order holds for the kind asked, never a URL from the caller', async () => {
    const asked: OrderLink[] = [];
    const handlers = service(cached, async (link) => (asked.push(link), true));
    for (const kind of ['tracking', 'boleto', 'whatsapp'] as const)
      expect(await handlers['links.open']({ storeId: 's1', orderId: 7, kind })).toBe(true);
    expect(asked).toEqual([
      { kind: 'tracking', trackUrl: 'https://rastreio.example.com/?o=QB1BR' },
      { kind: 'boleto', billetUrl: 'https://boleto.example.com.br/ff' },
      { kind: 'whatsapp', phone: '11987654321' },
    ]);
  });

  it('opens nothing when the order has no such link', async () => {
    const asked: OrderLink[] = [];
    const bare = { ...cached, trackUrl: null, customer: null, transactions: [] } as Order;
    const handlers = service(bare, async (link) => (asked.push(link), true));
    for (const kind of ['tracking', 'boleto', 'whatsapp'] as const)
      expect(await handlers['links.open']({ storeId: 's1', orderId: 7, kind })).toBe(false);
    expect(asked).toEqual([]);
  });

  it('opens nothing in a shell without a browser (the preview bridge, the CLI)', async () => {
    expect(await service(cached)['links.open']({ storeId: 's1', orderId: 7, kind: 'tracking' })).toBe(false);
  });
});
