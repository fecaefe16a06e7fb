import type { OrderDetail } from '../../src/shared/domain/order';
import type { SenderData } from '../../src/main/core/export/source';
import { realisticOrder } from '../normalize/samples';
import { detailFromRaw } from './memory-source';

export const HOSTILE_NAME = '<script>alert(1)</script> & Cia "Ltda"';

export const SENDER: SenderData = {
  name: 'Aurora Ateliê Ltda',
  taxId: '12345678000195',
  street: 'Rua das Flores',
  number: '120',
  complement: 'Sala 3',
  neighborhood: 'Centro',
  city: 'São Carlos',
  uf: 'SP',
  zipcode: '13560000',
};

function item(sku: string, name: string, quantity: number, price: number, extra: Record<string, unknown> = {}) {
  return {
    id: Number(sku.replace(/\D/g, '')) || 1,
    product_id: 10,
    sku_id: 20,
    item_sku: sku,
    name,
    quantity,
    price,
    gift: false,
    ...extra,
  };
}

/**
 * The API reference's order sample (test/fixtures/reference-order.json through
 * realisticOrder) with a real address and named items, through the real normaliser.
 */
export function referenceOrderRaw(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const base = realisticOrder();
  const address = (base['address'] as Record<string, unknown>[])[0];
  return {
    ...base,
    items: [
      item('CAM-001', 'Camiseta Básica Algodão Orgânico', 2, 450, { bundle_id: null, bundle_name: null }),
      item('CAN-204', 'Caneca Cerâmica Artesanal', 1, 0, { gift: true, bundle_id: null, bundle_name: null }),
    ],
    value_products: 900,
    shipment_service: 'SEDEX',
    address: [
      {
        ...address,
        receiver: 'João da Silva',
        street: 'Rua Açaí',
        number: '1.043',
        complement: 'Apto 12',
        neighborhood: 'Jardim São Paulo',
        zipcode: '01310930',
        city: 'São Paulo',
        uf: 'SP',
        country: 'BR',
        full_address: 'Rua Açaí, 1.043',
      },
    ],
    ...overrides,
  };
}

export function referenceOrder(
  overrides: Record<string, unknown> = {},
  review: Partial<OrderDetail['review']> = {},
): OrderDetail {
  return detailFromRaw(referenceOrderRaw(overrides), review);
}

/** The same order under another id and number, with a customer of the given name. */
export function orderFor(id: number, number: number, customerName: string, items?: unknown[]): OrderDetail {
  const raw = referenceOrderRaw();
  const customer = raw['customer'] as { data: Record<string, unknown> };
  return referenceOrder({
    id,
    number,
    customer: { data: { ...customer.data, name: customerName } },
    ...(items ? { items } : {}),
  });
}

export function manyItems(count: number): unknown[] {
  return Array.from({ length: count }, (_, i) =>
    item(`SKU-${String(i + 1).padStart(4, '0')}`, `Produto de teste nº ${i + 1} — edição ação`, (i % 3) + 1, 1000 + i),
  );
}
