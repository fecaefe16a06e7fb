import type { WritableDB } from '../connection';
import { PAINEL_KEYS as K } from '../migrations/007_painel_totals';
import { rebuildIfStale } from '../derived-versions';
import { PAINEL_TOTALS_VERSION } from './totals';

/** From the orders themselves, with the sale statuses the triggers read (filled by the totals' step, which runs first). */
const RECOUNT = `
DELETE FROM customer_sale_months;
INSERT INTO customer_sale_months (store_id, month, customer_id, sales, revenue_cents)
  SELECT o.store_id, ${K.month('o')}, o.customer_id, count(*), coalesce(sum(o.total_cents), 0) FROM orders o
  WHERE o.customer_id IS NOT NULL AND o.created_utc IS NOT NULL AND ${K.sale('o')}
  GROUP BY 1, 2, 3;
`;

/**
 * Counts each customer's sales per month (migration 10) from the orders when the file's version of them is not the
 * code's: once after migration 10, and again whenever the sale statuses change (the totals' version, which they share).
 */
export function recountCustomerMonthsIfStale(db: WritableDB): boolean {
  return rebuildIfStale(
    db,
    { name: 'painel-customer-months', version: PAINEL_TOTALS_VERSION, needs: 'customer_sale_months' },
    () => db.exec(RECOUNT),
  );
}
