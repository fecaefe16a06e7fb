import type { WritableDB } from '../connection';
import { PAINEL_KEYS as K } from '../migrations/007_painel_totals';
import { rebuildIfStale } from '../derived-versions';
import { PAINEL_TOTALS_VERSION } from './totals';

/** From the orders and items themselves, with the sale statuses the triggers read (the totals' step runs first). */
const RECOUNT = `
DELETE FROM order_hour_totals;
INSERT INTO order_hour_totals (store_id, hour, n, sales, revenue_cents, items)
  SELECT o.store_id, coalesce(unixepoch(substr(o.created_utc, 1, 19)) / 3600, -1), count(*), sum(${K.sale('o')}),
    sum(${K.sale('o')} * coalesce(o.total_cents, 0)), sum(${K.sale('o')} * ${K.items('o')})
  FROM orders o GROUP BY 1, 2;
`;

/**
 * Counts the Painel's totals per UTC hour (migration 10) from the orders when the file's version of them is not the
 * code's: once after migration 10, and again whenever the sale statuses change (the totals' version, which they share).
 */
export function recountHourTotalsIfStale(db: WritableDB): boolean {
  return rebuildIfStale(db, { name: 'painel-hours', version: PAINEL_TOTALS_VERSION, needs: 'order_hour_totals' }, () =>
    db.exec(RECOUNT),
  );
}
