import type { OrderQuery } from './query';

/** Day ranges the order list offers by name; a view saved with one reads it again on the day it is opened. */
export const DATE_PRESETS = ['today', 'yesterday', 'last7', 'last30', 'thisMonth', 'lastMonth'] as const;
export type DatePreset = (typeof DATE_PRESETS)[number];

/** What a view keeps of the list: its filter and sort, never the page nor the sync runs' new orders. */
export type ViewFilter = Omit<OrderQuery, 'offset' | 'limit' | 'arrivedIn'>;

export const MAX_VIEWS = 50;
export const MAX_VIEW_NAME = 60;

/** A tab of the order list that the merchant saved for one store (kept in merchant.db, never in the cache). */
export interface SavedView {
  id: number;
  name: string;
  filter: ViewFilter;
  /** When set, the view's from/to are this preset's days on the day it is opened, not the days it was saved on. */
  datePreset: DatePreset | null;
  /** The tab's place among the store's own views, from 0. */
  position: number;
}
