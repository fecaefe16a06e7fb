import { SALE_STATUSES } from '../../../../shared/domain/painel';
import type { WritableDB } from '../connection';
import { PAINEL_KEYS as K } from '../migrations/007_painel_totals';
import { sql } from '../sql';
import { write } from '../statements';
import { rebuildIfStale } from '../derived-versions';

/**
 * The version of what the Painel's totals (migration 7) are made of: the sale statuses. Raise it with any change
 * to SALE_STATUSES, and every cache recounts its totals once, on its next open, with the code that runs.
 */
export const PAINEL_TOTALS_VERSION = 1;

/** From the orders and items themselves, with the keys the triggers use. */
const RECOUNT = `
DELETE FROM order_slice_totals;
DELETE FROM order_day_statuses;
DELETE FROM order_day_payments;
DELETE FROM order_sku_months;
INSERT INTO order_slice_totals (store_id, slice, n, sales, revenue_cents, items)
  SELECT o.store_id, ${K.slice('o')}, count(*), sum(${K.sale('o')}),
    sum(${K.sale('o')} * coalesce(o.total_cents, 0)), sum(${K.sale('o')} * ${K.items('o')})
  FROM orders o GROUP BY 1, 2;
INSERT INTO order_day_statuses (store_id, day, status_alias, n, cents)
  SELECT o.store_id, ${K.day('o')}, ${K.status('o')}, count(*), coalesce(sum(o.total_cents), 0)
  FROM orders o GROUP BY 1, 2, 3;
INSERT INTO order_day_payments (store_id, day, payment_alias, n, sales, revenue_cents)
  SELECT o.store_id, ${K.day('o')}, ${K.payment('o')}, count(*), sum(${K.sale('o')}),
    coalesce(sum(${K.sale('o')} * o.total_cents), 0)
  FROM orders o GROUP BY 1, 2, 3;
INSERT INTO order_sku_months (store_id, month, sku, name, quantity, revenue_cents)
  SELECT o.store_id, ${K.month('o')}, coalesce(i.sku, ''), max(i.name), sum(i.quantity),
    coalesce(sum(i.quantity * i.unit_price_cents), 0)
  FROM orders o JOIN order_items i ON i.order_pk = o.pk WHERE ${K.sale('o')} AND i.gift = 0 GROUP BY 1, 2, 3;
`;

/**
 * Refills the sale statuses the triggers read and recounts every table when the file's version of them
 * (derived_versions) is not the code's (see rebuildIfStale); a file below migration 7 is left alone.
 */
export function recountPainelTotalsIfStale(db: WritableDB): boolean {
  return rebuildIfStale(db, { name: 'painel', version: PAINEL_TOTALS_VERSION, needs: 'painel_sale_statuses' }, () => {
    write(db, sql`DELETE FROM painel_sale_statuses`);
    for (const alias of SALE_STATUSES) write(db, sql`INSERT INTO painel_sale_statuses (alias) VALUES (${alias})`);
    db.exec(RECOUNT);
  });
}
