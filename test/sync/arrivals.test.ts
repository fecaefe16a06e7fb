import { afterEach, describe, expect, it } from 'vitest';
import { filterQuery } from '../../src/main/core/cli/browse-commands';
import { summaryLine } from '../../src/main/core/cli/sync-command';
import { callOk } from '../helpers/core';
import { syncFixture, type SyncFixture } from './helpers';

let fx: SyncFixture | null = null;
afterEach(async () => {
  await fx?.dispose();
  fx = null;
});

const sorted = (ids: readonly number[]): number[] => [...ids].sort((a, b) => a - b);

describe('the orders each sync run brought ("N pedidos novos")', () => {
  it('lists exactly the orders of the runs asked for, through the contract, however many runs passed', async () => {
    fx = await syncFixture({ orders: 900, customers: 200 });
    const { core, store, credentials } = fx;
    const first = await core.sync.run(store.id, 'auto', { credentials });
    // A store's first sync brings every order, which is not news: no run to list them by.
    expect(first).toMatchObject({ ok: true, mode: 'full', newOrders: { run: null, count: 900 } });

    const addedA = fx.fake.control.addOrders(3);
    fx.fake.control.advanceOrders(10);
    const runA = await core.sync.run(store.id, 'auto', { credentials });
    expect(runA).toMatchObject({ ok: true, mode: 'incremental', newOrders: { run: 1, count: 3 } });
    const addedB = fx.fake.control.addOrders(2);
    fx.fake.control.cancelOrders(4);
    const runB = await core.sync.run(store.id, 'incremental', { credentials });
    expect(runB.newOrders).toMatchObject({ run: 2, count: 2 });
    // A run that brought nothing leaves no trace; the next that brings orders takes the number it would have had.
    const quiet = await core.sync.run(store.id, 'incremental', { credentials });
    expect(quiet.newOrders).toMatchObject({ run: 3, count: 0 });
    // The CLI's sync names the run, and its `orders --arrived-in` asks for those runs.
    expect(summaryLine(runB)).toMatch(/^sync ok: incremental, \d+ orders, 2 new \(run 2\), /);
    expect(summaryLine(quiet)).not.toMatch(/new/);
    expect(filterQuery({ 'arrived-in': '1,2' })).toEqual({ arrivedIn: [1, 2] });

    const list = (arrivedIn: number[], extra = {}) =>
      callOk(core.dispatch, 'orders.list', { storeId: store.id, query: { arrivedIn, ...extra } });
    const both = await list([1, 2]);
    expect(sorted(both.rows.map((r) => r.id))).toEqual(sorted([...addedA, ...addedB]));
    expect(both).toMatchObject({ total: 5, totalIsExact: true });
    // Newest first, as the list is by default.
    const created = both.rows.map((r) => r.createdAt?.utc ?? '');
    expect(created).toEqual([...created].sort().reverse());
    expect(sorted((await list([2])).rows.map((r) => r.id))).toEqual(sorted(addedB));
    expect((await list([3])).rows).toEqual([]);
    // Other filters narrow it as usual, and the status counts beside the list count only these orders.
    const counts = await callOk(core.dispatch, 'orders.statusCounts', {
      storeId: store.id,
      query: { arrivedIn: [1, 2] },
    });
    expect(counts.reduce((n, c) => n + c.count, 0)).toBe(5);
    const status = counts[0].alias;
    const byStatus = await list([1, 2], { statuses: [status], sort: { key: 'status', direction: 'asc' } });
    expect(byStatus.rows.map((r) => r.status?.alias)).toEqual(Array(counts[0].count).fill(status));
    expect(byStatus.rows.every((r) => [...addedA, ...addedB].includes(r.id))).toBe(true);

    // Re-reading an order never moves it to a later run: a full re-sync brings nothing new.
    const again = await core.sync.run(store.id, 'full', { credentials });
    expect(again.newOrders).toMatchObject({ run: 3, count: 0 });
    expect(sorted((await list([1])).rows.map((r) => r.id))).toEqual(sorted(addedA));

    // An empty list of runs, or one that is not a run (`--arrived-in x`), is refused by the contract.
    for (const arrivedIn of [[], filterQuery({ 'arrived-in': 'x' }).arrivedIn]) {
      const refused = await core.dispatch('orders.list', { storeId: store.id, query: { arrivedIn } });
      expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
  });
});
