import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { normalizeOrder } from '../../src/main/core/normalize';
import type { Order } from '../../src/shared/domain/order';
import { realisticOrder } from './samples';

const ctx = { storeId: 'store-1', storeZone: 'America/Sao_Paulo' };
const baseline = normalizeOrder(realisticOrder(), ctx).order as Order;

type Path = (string | number)[];

function paths(value: unknown, prefix: Path = []): Path[] {
  if (value === null || typeof value !== 'object') return [prefix];
  const entries: [string | number, unknown][] = Array.isArray(value)
    ? value.map((v, i) => [i, v])
    : Object.entries(value);
  return [prefix, ...entries.flatMap(([key, v]) => paths(v, [...prefix, key]))];
}

function getAt(root: unknown, path: Path): unknown {
  return path.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], root);
}

function setAt(root: unknown, path: Path, value: unknown, remove = false): unknown {
  if (path.length === 0) return value;
  const copy = structuredClone(root) as Record<string | number, unknown>;
  const parent = getAt(copy, path.slice(0, -1)) as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (remove && Array.isArray(parent)) parent.splice(last as number, 1);
  else if (remove) delete parent[last];
  else parent[last] = value;
  return copy;
}

const allPaths = paths(realisticOrder()).filter((p) => p.length > 0);
const recordPaths = allPaths.filter((p) => {
  const v = getAt(realisticOrder(), p);
  return typeof v === 'object' && v !== null && !Array.isArray(v);
});
const numberPaths = allPaths.filter((p) => typeof getAt(realisticOrder(), p) === 'number');
const wrapperPaths = recordPaths.filter((p) => {
  const v = getAt(realisticOrder(), p) as Record<string, unknown>;
  return Object.keys(v).length === 1 && 'data' in v;
});

/** Which raw keys each Order field is read from: destroying another key must leave the field alone. */
const SOURCES: Record<keyof Order, string[]> = {
  id: ['id'],
  storeId: [],
  number: ['number'],
  status: ['status'],
  customer: ['customer', 'customer_id'],
  createdAt: ['created_at'],
  updatedAt: ['updated_at'],
  totalCents: ['value_total'],
  productsCents: ['value_products'],
  shipmentCents: ['value_shipment'],
  discountCents: ['value_discount'],
  taxCents: ['value_tax'],
  payment: ['transactions', 'payments'],
  installments: ['transactions', 'payments'],
  delivered: ['delivered'],
  trackingCode: ['track_code'],
  trackUrl: ['track_url'],
  items: ['items'],
  shippingAddress: ['shipping_address', 'address'],
  transactions: ['transactions'],
  statusHistory: ['statuses'],
  promocode: ['promocode'],
  facts: [
    'marketplace_id',
    'marketplace_sale_number',
    'shipment_service',
    'days_delivery',
    'date_delivery',
    'pickup_address',
    'pix',
    'utm_source',
    'utm_medium',
    'utm_campaign',
    'utm_term',
    'utm_content',
    'metadata',
  ],
  parseProblems: ['*'],
};

describe('normalizeOrder properties', () => {
  it('never throws on arbitrary JSON, and its output survives a JSON round trip', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (raw) => {
        const { order, problems } = normalizeOrder(raw, ctx);
        expect(Array.isArray(problems)).toBe(true);
        if (order !== null) expect(JSON.parse(JSON.stringify(order))).toEqual(order);
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws on arbitrary JavaScript values, nor on them placed at any field of a real order', () => {
    const weird = fc.anything({
      withNullPrototype: true,
      withObjectString: true,
      withBigInt: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withSparseArray: true,
      withTypedArray: true,
      withBoxedValues: true,
    });
    fc.assert(
      fc.property(weird, fc.constantFrom(...allPaths), (value, path) => {
        normalizeOrder(value, ctx);
        const { order } = normalizeOrder(setAt(realisticOrder(), path, value), ctx);
        if (path[0] !== 'id') expect(order?.id).toBe(baseline.id);
      }),
      { numRuns: 1000 },
    );
  });

  it('reads the same order whatever the shape: numbers as text, records wrapped in { data } or in a list, wrappers removed', () => {
    // Each mutation applies only if the path still holds what it expects (an earlier one may have moved it).
    const isPlainRecord = (v: unknown): v is Record<string, unknown> =>
      typeof v === 'object' && v !== null && !Array.isArray(v);
    const when = (p: Path, test: (v: unknown) => boolean, change: (v: unknown) => unknown) => (o: unknown) => {
      const current = getAt(o, p);
      return test(current) ? setAt(o, p, change(current)) : o;
    };
    const mutation = fc.oneof(
      fc.constantFrom(...numberPaths).map((p) =>
        when(
          p,
          (v) => typeof v === 'number',
          (v) => String(v),
        ),
      ),
      fc.constantFrom(...recordPaths).map((p) => when(p, isPlainRecord, (v) => ({ data: v }))),
      fc.constantFrom(...recordPaths).map((p) => when(p, isPlainRecord, (v) => [v])),
      fc.constantFrom(...wrapperPaths).map((p) =>
        when(
          p,
          (v) => isPlainRecord(v) && Object.keys(v).length === 1 && 'data' in v,
          (v) => (v as { data: unknown }).data,
        ),
      ),
    );
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 6 }), (mutations) => {
        let raw: unknown = realisticOrder();
        for (const mutate of mutations) {
          try {
            raw = mutate(raw);
          } catch {
            // The path no longer exists under an earlier mutation.
          }
        }
        expect(normalizeOrder(raw, ctx).order).toEqual(baseline);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps every field a destroyed key does not feed', () => {
    const keys = Object.keys(realisticOrder()).filter((k) => k !== 'id');
    const damage = fc.oneof(
      fc.constant({ remove: true, value: undefined as unknown }),
      fc.constant({ remove: false, value: null as unknown }),
      fc.jsonValue().map((value) => ({ remove: false, value: value as unknown })),
    );
    fc.assert(
      fc.property(fc.constantFrom(...keys), damage, (key, { remove, value }) => {
        const { order } = normalizeOrder(setAt(realisticOrder(), [key], value, remove), ctx);
        expect(order).not.toBeNull();
        for (const [name, sources] of Object.entries(SOURCES) as [keyof Order, string[]][]) {
          if (sources.includes(key) || sources.includes('*')) continue;
          expect(order?.[name], `${name} after damaging ${key}`).toEqual(baseline[name]);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('refuses a record whose id is destroyed, without throwing', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.constant(null), fc.string(), fc.double(), fc.boolean(), fc.constant(-1), fc.constant(0)),
        (id) => {
          fc.pre(!(typeof id === 'string' && /^\s*\d+(\.0*)?\s*$/.test(id) && Number(id) > 0));
          const { order, problems } = normalizeOrder({ ...realisticOrder(), id }, ctx);
          if (Number.isSafeInteger(id) && (id as number) > 0) return;
          expect(order).toBeNull();
          expect(problems.length).toBeGreaterThan(0);
        },
      ),
    );
  });
});
