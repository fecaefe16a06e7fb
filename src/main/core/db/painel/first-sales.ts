import type { WritableDB } from '../connection';
import { PAINEL_KEYS as K } from '../migrations/007_painel_totals';
import { rebuildIfStale } from '../derived-versions';
import { PAINEL_TOTALS_VERSION } from './totals';

/** From the orders themselves, with the sale statuses the triggers read (filled by the totals' step, which runs first). */
const RECOUNT = `
DELETE FROM customer_first_sales;
INSERT INTO customer_first_sales (store_id, customer_id, first_sale_utc)
  SELECT o.store_id, o.customer_id, min(o.created_utc) FROM orders o
  WHERE o.customer_id IS NOT NULL AND o.created_utc IS NOT NULL AND ${K.sale('o')}
  GROUP BY 1, 2;
`;

/**
 * Counts each customer's first sale (migration 9) from the orders when the file's version of it is not the code's:
 * once after migration 9, and again whenever the sale statuses change (the totals' version, which they share).
 */
export function recountFirstSalesIfStale(db: WritableDB): boolean {
  return rebuildIfStale(
    db,
    { name: 'painel-first-sales', version: PAINEL_TOTALS_VERSION, needs: 'customer_first_sales' },
    () => db.exec(RECOUNT),
  );
}
