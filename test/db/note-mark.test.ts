import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listOrders, setReview } from '../../src/main/core/db';
import { addTestStore, makeOrder, tempDb, writeOrders, type TempDb } from './helpers';

let t: TempDb;
beforeEach(() => {
  t = tempDb();
  addTestStore(t.db);
  writeOrders(
    t.db,
    'store-a',
    [1, 2, 3].map((id) => makeOrder(id)),
  );
});
afterEach(() => t.close());

const notes = (): Record<number, boolean> =>
  Object.fromEntries(listOrders(t.db, 'store-a', {}).rows.map((row) => [row.id, row.hasNote]));

describe('the note mark of the order list', () => {
  it('marks the orders with a note, and only while the note has text', () => {
    expect(notes()).toEqual({ 1: false, 2: false, 3: false });
    setReview(t.db, 'store-a', 2, { note: 'ligar para a cliente' });
    setReview(t.db, 'store-a', 3, { reviewed: true });
    expect(notes()).toEqual({ 1: false, 2: true, 3: false });
    setReview(t.db, 'store-a', 2, { note: '' });
    expect(notes()).toEqual({ 1: false, 2: false, 3: false });
  });
});
