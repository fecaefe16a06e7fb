import { describe, expect, it } from 'vitest';
import { normalizeOrder } from '../../src/main/core/normalize';
import { StoreModel } from '../../src/main/core/fake-store/store-model';
import type { OrderRecord } from '../../src/main/core/fake-store/generate-order';
import { realisticOrder } from './samples';

const ctx = { storeId: 'store-1', storeZone: 'America/Sao_Paulo' };
const model = new StoreModel({ seed: 13, orders: 400, customers: 150 });

type Raw = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The first generated order the test wants, as the API sends it (a JSON round trip drops nothing it would send). */
function firstOrder(wanted: (record: Raw) => boolean): Raw {
  for (let i = 0; i < model.orderCount; i += 1) {
    const record = JSON.parse(JSON.stringify(model.order(i) satisfies OrderRecord)) as Raw;
    if (wanted(record)) return record;
  }
  throw new Error('no such order in the model');
}

const transactionOf = (record: Raw): Raw => record.transactions.data[0];
const read = (record: Raw) => {
  const { order, problems } = normalizeOrder(record, ctx);
  expect(problems).toEqual([]);
  return order!;
};

describe('the facts the order detail shows', () => {
  it('reads every payment field of the reference sample, and the channel, delivery, UTM and metadata', () => {
    const order = read(realisticOrder());
    expect(order.facts).toMatchObject({
      marketplaceId: 123,
      marketplaceSaleNumber: '123',
      shipmentService: '<string>',
      deliveryDays: 123,
      deliveryDate: { utc: '2000-08-17T13:24:24.000Z', zone: 'America/Sao_Paulo' },
      pixExpiresAt: { utc: '2023-11-07T05:31:56.000Z' },
      utm: { source: '<string>', medium: '<string>', campaign: '<string>', term: '<string>', content: '<string>' },
      metadata: [{ key: 'discount_highlight', value: 'pix' }],
      pickup: { description: '<string>', time: 123, timeType: '<string>', onlyWeekdays: true },
    });
    expect(order.items[0].digital).toBe(true);
    expect(order.transactions[0].more).toMatchObject({
      installmentValueCents: 12300,
      brand: '<string>',
      maskedCard: '<string>',
      holderName: '<string>',
      billetUrl: '<string>',
      billetBarcode: '<string>',
      antifraudStatus: '<string>',
      antifraudScore: '<string>',
      authorizedAt: { utc: '2000-08-17T13:24:24.000Z' },
      capturedAt: { utc: '2000-08-17T13:24:24.000Z' },
      cancelledAt: { utc: '2000-08-17T13:24:24.000Z' },
    });
  });

  it('a PIX order has its expiry and no card or boleto field', () => {
    const record = firstOrder((r) => r.pix.data !== null);
    const order = read(record);
    expect(order.facts?.pixExpiresAt?.utc).toBe(new Date(record.pix.data.pix_expiration_date).toISOString());
    const more = order.transactions[0].more!;
    for (const absent of ['maskedCard', 'holderName', 'billetUrl', 'billetBarcode', 'billetDueDate', 'antifraudStatus'])
      expect(more).not.toHaveProperty(absent);
  });

  it('a boleto order has its link, barcode and due day', () => {
    const record = firstOrder((r) => transactionOf(r).billet_url !== null);
    const t = transactionOf(record);
    expect(read(record).transactions[0].more).toMatchObject({
      billetUrl: t.billet_url,
      billetBarcode: t.billet_barcode,
      billetDueDate: t.billet_date,
    });
    expect(read(record).facts).not.toHaveProperty('pixExpiresAt');
  });

  it('a card order has the masked card, holder, brand, instalment value and antifraud result', () => {
    const record = firstOrder((r) => transactionOf(r).truncated_card !== null && transactionOf(r).installments > 1);
    const t = transactionOf(record);
    expect(read(record).transactions[0].more).toMatchObject({
      maskedCard: t.truncated_card,
      holderName: t.holder_name,
      brand: t.bank_name,
      installmentValueCents: Math.round(t.installment_value * 100),
      antifraudStatus: t.antifraud_status,
      antifraudScore: t.antifraud_score,
    });
  });

  it('a store-pickup order has its pickup point with hours', () => {
    const record = firstOrder((r) => r.pickup_address.data !== null);
    const pickup = read(record).facts?.pickup;
    expect(pickup).toMatchObject({
      description: record.pickup_address.data.local_description,
      time: record.pickup_address.data.pickup_time,
      timeType: record.pickup_address.data.pickup_time_type,
      onlyWeekdays: true,
      address: { city: record.pickup_address.data.city, zipcode: '05422001' },
    });
  });

  it('leaves out what the API did not send instead of keeping it empty', () => {
    const record = firstOrder((r) => r.utm_term === null && r.pickup_address.data === null);
    const facts = read(record).facts!;
    expect(facts).not.toHaveProperty('pickup');
    expect(facts.utm ?? {}).not.toHaveProperty('term');
    expect(Object.values(facts).every((value) => value !== null && value !== undefined)).toBe(true);
  });
});
