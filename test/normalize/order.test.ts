import { describe, expect, it } from 'vitest';
import { normalizeOrder } from '../../src/main/core/normalize';
import { realisticOrder, referenceOrderSample } from './samples';

const ctx = { storeId: 'store-1', storeZone: 'America/Sao_Paulo' };

describe('normalizeOrder on the reference sample', () => {
  it('reads a realistic order completely', () => {
    const { order, problems } = normalizeOrder(realisticOrder(), ctx);
    expect(problems).toEqual([]);
    expect(order).toMatchObject({
      id: 98765,
      storeId: 'store-1',
      number: 1043,
      status: { alias: 'paid', name: 'Pagamento aprovado', id: 4 },
      customer: {
        id: 555,
        name: 'João da Silva',
        email: 'joao.silva@example.com',
        taxId: '12345678909',
        phone: '16981875668',
      },
      createdAt: { utc: '2024-03-05T17:02:11.000Z', zone: 'America/Sao_Paulo' },
      updatedAt: { utc: '2024-03-06T13:00:00.000Z', zone: 'America/Sao_Paulo' },
      totalCents: 95576,
      productsCents: 90000,
      shipmentCents: 6576,
      discountCents: 1000,
      taxCents: 0,
      payment: { alias: '<string>' },
      installments: 123,
      delivered: true,
      trackingCode: 'BR123456789BR',
      promocode: { id: 123, code: 'TEST' },
      parseProblems: [],
    });
    expect(order?.items).toHaveLength(1);
    expect(order?.items[0]).toMatchObject({
      sku: '<string>',
      quantity: 123,
      unitPriceCents: 12300,
      bundle: { id: 123 },
    });
    expect(order?.shippingAddress).toMatchObject({ city: '<string>', zipcode: '123' });
    expect(order?.transactions).toHaveLength(1);
    expect(order?.transactions[0].createdAt).toEqual({ utc: '2000-08-17T13:24:24.000Z', zone: 'America/Sao_Paulo' });
    expect(order?.statusHistory).toHaveLength(1);
  });

  it('refuses the documented sample for want of an id, and says so', () => {
    const { order, problems } = normalizeOrder(referenceOrderSample(), ctx);
    expect(order).toBeNull();
    expect(problems).toEqual(['id: missing']);
  });

  it('accepts the order bare, as { data }, as { data: [order] } and as [order]', () => {
    const bare = realisticOrder();
    const expected = normalizeOrder(bare, ctx).order;
    for (const variant of [{ data: bare }, { data: [bare] }, [bare], { data: { data: bare } }]) {
      expect(normalizeOrder(variant, ctx).order).toEqual(expected);
    }
  });

  it('accepts relations bare or wrapped, one or a list', () => {
    const order = realisticOrder();
    const status = (order.status as { data: unknown }).data;
    const items = order.items as unknown[];
    const transactions = (order.transactions as { data: unknown }).data;
    const variant = {
      ...order,
      status: [status],
      items: { data: items[0] },
      transactions: [transactions],
      address: { data: (order.address as unknown[])[0] },
    };
    const a = normalizeOrder(order, ctx);
    const b = normalizeOrder(variant, ctx);
    expect(b.problems).toEqual([]);
    expect(b.order).toEqual(a.order);
  });

  it('keeps an order whose fields are odd and lists the problems', () => {
    const { order, problems } = normalizeOrder(
      { ...realisticOrder(), value_total: 'muito', delivered: 'talvez', created_at: 'ontem', number: -3 },
      ctx,
    );
    expect(order).not.toBeNull();
    expect(order?.totalCents).toBeNull();
    expect(order?.delivered).toBeNull();
    expect(order?.createdAt).toBeNull();
    expect(order?.number).toBeNull();
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(['created_at', 'delivered', 'number', 'value_total']);
    expect(order?.parseProblems).toEqual(problems);
  });

  it('reads numbers sent as strings and ids sent as text', () => {
    const { order } = normalizeOrder(
      { ...realisticOrder(), id: '98765', number: '1043', value_total: '1.234,56', customer_id: '555' },
      ctx,
    );
    expect(order).toMatchObject({ id: 98765, number: 1043, totalCents: 123456 });
  });

  it('prefers the transaction that was not cancelled for the payment method', () => {
    const payment = (alias: string) => ({ data: { alias, name: alias } });
    const { order } = normalizeOrder(
      {
        ...realisticOrder(),
        transactions: {
          data: [
            { id: 1, cancelled: true, payment: payment('visa'), installments: 3 },
            { id: 2, cancelled: false, payment: payment('PIX'), installments: 1 },
          ],
        },
      },
      ctx,
    );
    expect(order?.payment).toEqual({ alias: 'pix', name: 'PIX' });
    expect(order?.installments).toBe(1);
  });

  it('falls back to the payments list when there is no transaction', () => {
    const { order } = normalizeOrder(
      { ...realisticOrder(), transactions: null, payments: [{ alias: 'billet', name: 'Boleto' }] },
      ctx,
    );
    expect(order?.payment).toEqual({ alias: 'billet', name: 'Boleto' });
    expect(order?.installments).toBeNull();
  });

  it('ignores inherited property names in the input', () => {
    const raw = JSON.parse('{"id": 7, "__proto__": {"value_total": 5}, "constructor": {"data": 1}}') as unknown;
    const { order } = normalizeOrder(raw, ctx);
    expect(order?.id).toBe(7);
    expect(order?.totalCents).toBeNull();
  });
});
