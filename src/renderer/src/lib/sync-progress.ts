import type { SyncListProgress, SyncProgress } from '../../../shared/domain/app';
import { num } from './display';
import { t } from './preferences.svelte';

const total = (list: SyncListProgress): string => (list.total === null ? '?' : num(list.total));

/** "faltam ~40 s" under a minute, "faltam ~3 min" above: a two-second sync must not say "~1 min". */
export function etaText(seconds: number): string {
  const whole = Math.max(1, Math.round(seconds));
  return whole < 60
    ? t('sync.etaSeconds', { seconds: num(whole) })
    : t('sync.eta', { minutes: num(Math.round(whole / 60)) });
}

/** "1.234 de 20.000 pedidos · 300 de 6.000 clientes · faltam ~2 min": the two lists page at once, so each has its count. */
export function progressText(progress: SyncProgress): string {
  const { orders, customers } = progress;
  // An incremental run reads customers only by id, as its orders name them: no list, no total to show.
  const lists =
    customers.total === null && customers.done === 0
      ? t('sync.progressOrdersOnly', { orders: num(orders.done), ordersTotal: total(orders) })
      : t('sync.progressLists', {
          orders: num(orders.done),
          ordersTotal: total(orders),
          customers: num(customers.done),
          customersTotal: total(customers),
        });
  return progress.etaSeconds === null ? lists : `${lists} · ${etaText(progress.etaSeconds)}`;
}
