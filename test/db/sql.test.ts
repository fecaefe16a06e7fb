import { describe, expect, it } from 'vitest';
import { setReview, sql, sqlConstant, sqlFragment, sqlJoin, type ReadableDB } from '../../src/main/core/db';

describe('the SQL template', () => {
  it('turns every value into a parameter, in order, and keeps text that looks like SQL out of the text', () => {
    const evil = "x'; DROP TABLE orders; --";
    const q = sql`SELECT 1 FROM orders WHERE store_id = ${'a'} AND name = ${evil} AND n > ${3} AND v IS ${null}`;
    expect(q.sql).toBe('SELECT 1 FROM orders WHERE store_id = ? AND name = ? AND n > ? AND v IS ?');
    expect(q.params).toEqual(['a', evil, 3, null]);
  });

  it('gives each run of one template its own parameters (the text is kept per call site)', () => {
    const byId = (id: number) => sql`SELECT 1 FROM orders WHERE id = ${id}`;
    const [a, b] = [byId(1), byId(2)];
    expect(a.sql).toBe(b.sql);
    expect([a.params, b.params]).toEqual([[1], [2]]);
  });

  it('splices fragments with their parameters where they stand, nested and joined', () => {
    const statuses = sqlFragment`o.status_alias IN (${sqlJoin(['paid', 'sent'])})`;
    const where = sqlJoin([sqlFragment`o.store_id = ${'s'}`, statuses, sqlFragment`o.total_cents >= ${100}`], ' AND ');
    const q = sql`SELECT id FROM orders o WHERE ${where} AND o.id > ${7} LIMIT ${sqlConstant(50)}`;
    expect(q.sql).toBe(
      'SELECT id FROM orders o WHERE o.store_id = ? AND o.status_alias IN (?, ?) AND o.total_cents >= ? AND o.id > ? LIMIT 50',
    );
    expect(q.params).toEqual(['s', 'paid', 'sent', 100, 7]);
  });

  it('writes only safe integers into the text', () => {
    expect(() => sqlConstant(1.5)).toThrow(TypeError);
    expect(() => sqlConstant(Number.NaN)).toThrow(TypeError);
    expect(sqlConstant(-3).sql).toBe('-3');
  });

  it('lets only the writable handle reach a writer (the type check fails if a ReadableDB is accepted)', () => {
    const writeWith = (db: ReadableDB) =>
      // @ts-expect-error a reading handle is not a WritableDB
      setReview(db, 'store-a', 1, { reviewed: true });
    expect(typeof writeWith).toBe('function');
  });
});
