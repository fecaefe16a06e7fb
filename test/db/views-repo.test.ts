import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { attachMerchantCopy, MERCHANT_FILE } from '../../src/main/core/db/merchant-copy';
import { listViews, moveView, removeView, renameView, saveView } from '../../src/main/core/db/views-repo';
import { MAX_VIEWS, type ViewFilter } from '../../src/shared/domain/saved-view';
import { openDatabase } from '../../src/main/core/db';
import { seed } from './dataset';
import { tempDb, type TempDb } from './helpers';

let t: TempDb;
beforeEach(() => {
  t = tempDb();
  seed(t.db);
  attachMerchantCopy(t.db, join(t.dir, MERCHANT_FILE));
});
afterEach(() => t.close());

const pix: ViewFilter = {
  paymentMethods: ['pix', 'billet'],
  minTotalCents: 10_000,
  sort: { key: 'total', direction: 'desc' },
};

describe('saved views (merchant.db)', () => {
  it('keeps each store’s views apart, in the order they were saved, with their filter and preset', () => {
    const a = saveView(t.db, 'store-a', { name: 'PIX grandes', filter: pix, datePreset: null });
    const b = saveView(t.db, 'store-a', { name: 'Semana', filter: { review: 'unreviewed' }, datePreset: 'last7' });
    saveView(t.db, 'store-b', { name: 'PIX grandes', filter: {}, datePreset: null });
    expect(listViews(t.db, 'store-a')).toEqual([
      { id: a.id, name: 'PIX grandes', filter: pix, datePreset: null, position: 0 },
      { id: b.id, name: 'Semana', filter: { review: 'unreviewed' }, datePreset: 'last7', position: 1 },
    ]);
    expect(listViews(t.db, 'store-b').map((v) => v.name)).toEqual(['PIX grandes']);
  });

  it('lives in the merchant’s file only, and is read back by a new connection', () => {
    saveView(t.db, 'store-a', { name: 'Sinalizados grandes', filter: { review: 'flagged' }, datePreset: null });
    const tables = t.db.prepare("SELECT name FROM main.sqlite_master WHERE name LIKE '%saved%'").all();
    expect(tables).toEqual([]);
    t.db.close();
    const again = openDatabase(t.file);
    try {
      attachMerchantCopy(again, join(t.dir, MERCHANT_FILE));
      expect(listViews(again, 'store-a').map((v) => v.filter)).toEqual([{ review: 'flagged' }]);
    } finally {
      again.close();
    }
  });

  it('replaces, renames, moves and removes; a name is one tab per store whatever its case', () => {
    const ids = ['Um', 'Dois', 'Três'].map(
      (name) => saveView(t.db, 'store-a', { name, filter: {}, datePreset: null }).id,
    );
    expect(() => saveView(t.db, 'store-a', { name: 'dois', filter: {}, datePreset: null })).toThrow(
      expect.objectContaining({ code: 'CONFLICT', params: { reason: 'viewName', name: 'dois' } }),
    );
    expect(() => renameView(t.db, 'store-a', ids[0], 'TRÊS')).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
    expect(renameView(t.db, 'store-a', ids[0], 'um').name).toBe('um');
    const replaced = saveView(t.db, 'store-a', {
      id: ids[1],
      name: 'Dois',
      filter: { delivered: true },
      datePreset: 'today',
    });
    expect(replaced).toMatchObject({ filter: { delivered: true }, datePreset: 'today', position: 1 });

    expect(moveView(t.db, 'store-a', ids[2], 0).map((v) => [v.name, v.position])).toEqual([
      ['Três', 0],
      ['um', 1],
      ['Dois', 2],
    ]);
    expect(moveView(t.db, 'store-a', ids[2], 40).map((v) => v.name)).toEqual(['um', 'Dois', 'Três']);
    removeView(t.db, 'store-a', ids[1]);
    expect(listViews(t.db, 'store-a').map((v) => v.name)).toEqual(['um', 'Três']);
    expect(() => removeView(t.db, 'store-a', ids[1])).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(() => renameView(t.db, 'store-b', ids[0], 'x')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });

  it('refuses a view past the limit', () => {
    for (let i = 0; i < MAX_VIEWS; i++) saveView(t.db, 'store-a', { name: `v${i}`, filter: {}, datePreset: null });
    expect(() => saveView(t.db, 'store-a', { name: 'mais uma', filter: {}, datePreset: null })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT', params: { reason: 'tooManyViews', max: MAX_VIEWS } }),
    );
  });

  it('opens a view whose saved filter this version cannot read on the whole list', () => {
    const view = saveView(t.db, 'store-a', { name: 'Antiga', filter: {}, datePreset: 'today' });
    t.db
      .prepare("UPDATE merchant.saved_views SET filter = ?, date_preset = 'someday' WHERE id = ?")
      .run(JSON.stringify({ sort: { key: 'mood', direction: 'asc' } }), view.id);
    expect(listViews(t.db, 'store-a')).toEqual([{ ...view, filter: {}, datePreset: null }]);
  });
});
