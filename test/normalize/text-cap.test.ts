import { describe, expect, it } from 'vitest';
import { getOrderDetail, writeOrderPage } from '../../src/main/core/db';
import { normalizeOrder } from '../../src/main/core/normalize';
import type { Order } from '../../src/shared/domain/order';
import { capText, TEXT_CAP } from '../../src/main/core/normalize/read';
import { addTestStore, tempDb } from '../db/helpers';
import { realisticOrder } from './samples';

const ctx = { storeId: 'store-a', storeZone: 'America/Sao_Paulo' };
const MEGABYTE_NAME = 'Maria '.repeat(Math.ceil(1_048_576 / 6)).slice(0, 1_048_576);

function normalized(raw: Record<string, unknown>): Order {
  const { order } = normalizeOrder(raw, ctx);
  if (order === null) throw new Error('the sample order did not normalise');
  return order;
}

function withText(name: string): Record<string, unknown> {
  const raw = realisticOrder();
  const customer = (raw['customer'] as { data: Record<string, unknown> }).data;
  customer['name'] = name;
  (raw['items'] as Record<string, unknown>[])[0]!['name'] = name;
  (raw['status'] as { data: Record<string, unknown> }).data['name'] = name;
  return raw;
}

describe('API text kept in columns is capped; the raw JSON keeps it whole', () => {
  it('a 1 MB name becomes 500 characters ending in an ellipsis, in every column it reaches', () => {
    const order = normalized(withText(MEGABYTE_NAME));
    for (const text of [order.customer?.name, order.items[0]?.name, order.status?.name]) {
      expect(text).toHaveLength(TEXT_CAP);
      expect(text!.endsWith('…')).toBe(true);
      expect(MEGABYTE_NAME.startsWith(text!.slice(0, -1))).toBe(true);
    }
  });

  it('the cut never splits a character outside the BMP, and text at the cap is kept as sent', () => {
    const emoji = '😀'.repeat(400);
    const cut = capText(emoji);
    expect(cut.length).toBeLessThanOrEqual(TEXT_CAP);
    expect(cut.slice(0, -1)).toBe('😀'.repeat((cut.length - 1) / 2));
    expect(capText('a'.repeat(TEXT_CAP))).toBe('a'.repeat(TEXT_CAP));
    expect(capText('a'.repeat(TEXT_CAP + 1))).toBe(`${'a'.repeat(TEXT_CAP - 1)}…`);
  });

  it('the cached row holds the capped name while the stored raw record returns the whole megabyte', () => {
    const t = tempDb();
    try {
      addTestStore(t.db);
      const raw = withText(MEGABYTE_NAME);
      const order = normalized(raw);
      writeOrderPage(t.db, 'store-a', [order], [raw], [], null);
      const row = t.db.prepare('SELECT length(customer_name) AS n FROM orders WHERE id = ?').get(order.id);
      expect(row).toEqual({ n: TEXT_CAP });
      const detail = getOrderDetail(t.db, 'store-a', order.id);
      expect(detail?.order.customer?.name).toHaveLength(TEXT_CAP);
      const kept = detail?.raw as { customer: { data: { name: string } } };
      expect(kept.customer.data.name).toBe(MEGABYTE_NAME);
    } finally {
      t.close();
    }
  });
});
