import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchTyped } from '../../src/main/core/ipc/dispatcher';
import { createMemorySecretStore } from '../../src/main/core/secrets/memory-secret-store';
import type { CustomerQuery, OrderQuery } from '../../src/shared/domain/query';
import { MAX_CENTS, MAX_LIST, MAX_OFFSET } from '../../src/shared/ipc/contract';
import { createTestCore, type TestCore } from '../helpers/core';

let core: TestCore;
let storeId: string;
const unexpected: unknown[] = [];

beforeAll(() => {
  core = createTestCore({ secrets: createMemorySecretStore() });
  storeId = core.stores.ensureScriptStore('loja', 'http://127.0.0.1:9/v2').id;
});

afterAll(() => core?.dispose());

const many = (n: number): string[] => Array.from({ length: n }, (_, i) => `status-${i}`);

// Inputs a schema without bounds let through to SQLite, where they failed as INTERNAL.
const BAD_ORDER_QUERIES: [OrderQuery, string][] = [
  [{ offset: 1e20 }, 'query.offset'],
  [{ offset: 2 ** 53 }, 'query.offset'],
  [{ offset: MAX_OFFSET + 1 }, 'query.offset'],
  [{ offset: -1 }, 'query.offset'],
  [{ limit: 1e6 }, 'query.limit'],
  [{ statuses: many(MAX_LIST + 1) }, 'query.statuses'],
  [{ statuses: many(40_000) }, 'query.statuses'],
  [{ paymentMethods: many(MAX_LIST + 1) }, 'query.paymentMethods'],
  [{ minTotalCents: 1e20 }, 'query.minTotalCents'],
  [{ maxTotalCents: -1e20 }, 'query.maxTotalCents'],
  [{ minTotalCents: MAX_CENTS + 1 }, 'query.minTotalCents'],
  [{ customerId: 1e20 }, 'query.customerId'],
];
const BAD_CUSTOMER_QUERIES: [CustomerQuery, string][] = [
  [{ offset: 1e20 }, 'query.offset'],
  [{ offset: MAX_OFFSET + 1 }, 'query.offset'],
];

describe('bounds: every input the contract accepts reaches SQLite as a valid value', () => {
  it('refuses out-of-range offsets, lists and amounts as INVALID_INPUT naming the field', async () => {
    for (const [query, field] of BAD_ORDER_QUERIES) {
      for (const call of ['orders.list', 'orders.statusCounts'] as const) {
        const result = await dispatchTyped(core.dispatch, call, { storeId, query });
        expect(result, `${call} ${field}`).toEqual({
          ok: false,
          error: { code: 'INVALID_INPUT', params: { reason: 'field', field } },
        });
      }
    }
    for (const [query, field] of BAD_CUSTOMER_QUERIES) {
      expect(await dispatchTyped(core.dispatch, 'customers.list', { storeId, query })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', params: { field } },
      });
    }
    for (const orderId of [1e20, 2 ** 53]) {
      expect(await dispatchTyped(core.dispatch, 'orders.get', { storeId, orderId })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', params: { field: 'orderId' } },
      });
    }
  });

  it('answers the largest valid inputs from SQLite, never INTERNAL', async () => {
    const largest: OrderQuery = {
      offset: MAX_OFFSET,
      limit: 500,
      statuses: many(MAX_LIST),
      paymentMethods: many(MAX_LIST),
      minTotalCents: -MAX_CENTS,
      maxTotalCents: MAX_CENTS,
      customerId: Number.MAX_SAFE_INTEGER,
      search: 'x'.repeat(200),
    };
    for (const query of [largest, { offset: MAX_OFFSET }, { minTotalCents: MAX_CENTS }]) {
      for (const call of ['orders.list', 'orders.statusCounts'] as const) {
        const result = await dispatchTyped(core.dispatch, call, { storeId, query });
        if (!result.ok) unexpected.push({ call, query, error: result.error });
      }
    }
    const customers = await dispatchTyped(core.dispatch, 'customers.list', {
      storeId,
      query: { offset: MAX_OFFSET, limit: 500, search: 'x'.repeat(200) },
    });
    if (!customers.ok) unexpected.push(customers.error);
    const order = await dispatchTyped(core.dispatch, 'orders.get', { storeId, orderId: Number.MAX_SAFE_INTEGER });
    expect(order).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(unexpected).toEqual([]);
  });
});
