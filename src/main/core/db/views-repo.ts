import * as v from 'valibot';
import { DATE_PRESETS, MAX_VIEWS, type SavedView, type ViewFilter } from '../../../shared/domain/saved-view';
import { viewFilterSchema } from '../../../shared/ipc/contract';
import { AppError } from '../base/app-error';
import type { ReadableDB, WritableDB } from './connection';
import { sql } from './sql';
import { readAll, readOne, write } from './statements';

/**
 * The order list's saved views, per store, in `merchant.saved_views` (the merchant's own file, attached as
 * `merchant`): the cache never holds them, so a cache set aside after damage keeps every view. A store's removal
 * deletes them through merchant-copy's trigger.
 */
interface ViewRow {
  id: number;
  name: string;
  filter: string;
  date_preset: string | null;
  position: number;
}

const presets: readonly string[] = DATE_PRESETS;

/**
 * A filter saved by an older version may name what this one no longer knows (a sort key, say): the view still opens,
 * on its whole list, rather than failing every call that lists views.
 */
function toView(row: ViewRow): SavedView {
  let filter: ViewFilter = {};
  try {
    const parsed = v.safeParse(viewFilterSchema, JSON.parse(row.filter));
    if (parsed.success) filter = parsed.output;
  } catch {
    // Not JSON: the same as a filter this version cannot read.
  }
  const datePreset = row.date_preset !== null && presets.includes(row.date_preset) ? row.date_preset : null;
  return {
    id: row.id,
    name: row.name,
    filter,
    datePreset: datePreset as SavedView['datePreset'],
    position: row.position,
  };
}

export function listViews(db: ReadableDB, storeId: string): SavedView[] {
  return readAll(
    db,
    sql<ViewRow>`SELECT id, name, filter, date_preset, position FROM merchant.saved_views
                 WHERE store_id = ${storeId} ORDER BY position, id`,
  ).map(toView);
}

function getView(db: ReadableDB, storeId: string, id: number): SavedView {
  const row = readOne(
    db,
    sql<ViewRow>`SELECT id, name, filter, date_preset, position FROM merchant.saved_views
                 WHERE store_id = ${storeId} AND id = ${id}`,
  );
  if (row === undefined) throw new AppError('NOT_FOUND', 'no such view', { params: { reason: 'view', id } });
  return toView(row);
}

/** Names are the tabs' labels: two tabs of one store never read the same, whatever their case. */
function checkName(db: ReadableDB, storeId: string, name: string, exceptId: number | null): void {
  const key = name.toLocaleLowerCase('pt-BR');
  const taken = listViews(db, storeId).some(
    (view) => view.id !== exceptId && view.name.toLocaleLowerCase('pt-BR') === key,
  );
  if (taken) throw new AppError('CONFLICT', 'view name taken', { params: { reason: 'viewName', name } });
}

export interface ViewInput {
  id?: number;
  name: string;
  filter: ViewFilter;
  datePreset: SavedView['datePreset'];
}

/** A new view goes after the store's others; with an id, that view's name, filter and preset are replaced. */
export function saveView(db: WritableDB, storeId: string, input: ViewInput): SavedView {
  const now = new Date().toISOString();
  const filter = JSON.stringify(input.filter);
  return db.transaction(() => {
    if (input.id !== undefined) {
      getView(db, storeId, input.id);
      checkName(db, storeId, input.name, input.id);
      write(
        db,
        sql`UPDATE merchant.saved_views SET name = ${input.name}, filter = ${filter}, date_preset = ${input.datePreset},
              updated_at = ${now} WHERE store_id = ${storeId} AND id = ${input.id}`,
      );
      return getView(db, storeId, input.id);
    }
    checkName(db, storeId, input.name, null);
    const next = readOne(
      db,
      sql<{ id: number; position: number; n: number }>`SELECT coalesce(max(id), 0) + 1 AS id,
         coalesce(max(position), -1) + 1 AS position, count(*) AS n FROM merchant.saved_views WHERE store_id = ${storeId}`,
    )!;
    if (next.n >= MAX_VIEWS)
      throw new AppError('INVALID_INPUT', 'too many views', { params: { reason: 'tooManyViews', max: MAX_VIEWS } });
    write(
      db,
      sql`INSERT INTO merchant.saved_views (store_id, id, name, filter, date_preset, position, updated_at)
          VALUES (${storeId}, ${next.id}, ${input.name}, ${filter}, ${input.datePreset}, ${next.position}, ${now})`,
    );
    return getView(db, storeId, next.id);
  })();
}

export function renameView(db: WritableDB, storeId: string, id: number, name: string): SavedView {
  return db.transaction(() => {
    getView(db, storeId, id);
    checkName(db, storeId, name, id);
    write(
      db,
      sql`UPDATE merchant.saved_views SET name = ${name}, updated_at = ${new Date().toISOString()}
          WHERE store_id = ${storeId} AND id = ${id}`,
    );
    return getView(db, storeId, id);
  })();
}

export function removeView(db: WritableDB, storeId: string, id: number): void {
  if (write(db, sql`DELETE FROM merchant.saved_views WHERE store_id = ${storeId} AND id = ${id}`).changes === 0)
    throw new AppError('NOT_FOUND', 'no such view', { params: { reason: 'view', id } });
}

/** Moves a view to `position` (clamped to the last place) and numbers the store's views 0, 1, 2… again. */
export function moveView(db: WritableDB, storeId: string, id: number, position: number): SavedView[] {
  return db.transaction(() => {
    const moved = getView(db, storeId, id);
    const others = listViews(db, storeId).filter((view) => view.id !== id);
    others.splice(Math.min(position, others.length), 0, moved);
    others.forEach((view, index) => {
      if (view.position !== index)
        write(
          db,
          sql`UPDATE merchant.saved_views SET position = ${index} WHERE store_id = ${storeId} AND id = ${view.id}`,
        );
    });
    return listViews(db, storeId);
  })();
}
