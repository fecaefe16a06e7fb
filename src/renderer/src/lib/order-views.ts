import type { DatePreset, SavedView, ViewFilter } from '../../../shared/domain/saved-view';
import type { MessageKey } from '../../../shared/i18n/messages';
import { presetOf, presetRange } from './date-range';

/**
 * The tabs above the order list: a few ready-made ones for the day's triage, then the merchant's own (saved in the
 * core per store). A tab is shown as current whenever the list's filter is the tab's, however it got there.
 */
export interface ViewTab {
  key: string;
  /** Ready-made tabs are named in the person's language; a saved view keeps the name the merchant gave it. */
  label: MessageKey | null;
  name: string;
  filter: ViewFilter;
  datePreset: DatePreset | null;
  /** The merchant's view, or null for a ready-made one. */
  saved: SavedView | null;
}

const READY_MADE: { key: string; label: MessageKey; filter: ViewFilter; datePreset: DatePreset | null }[] = [
  { key: 'all', label: 'views.all', filter: {}, datePreset: null },
  { key: 'unreviewed', label: 'views.unreviewed', filter: { review: 'unreviewed' }, datePreset: null },
  { key: 'waiting', label: 'views.waitingPayment', filter: { statuses: ['waiting_payment'] }, datePreset: null },
  { key: 'flagged', label: 'views.flagged', filter: { review: 'flagged' }, datePreset: null },
  { key: 'today', label: 'views.today', filter: {}, datePreset: 'today' },
];

export function viewTabs(saved: SavedView[], name: (key: MessageKey) => string): ViewTab[] {
  return [
    ...READY_MADE.map((tab) => ({ ...tab, name: name(tab.label), saved: null })),
    ...saved.map((view) => ({
      key: `saved-${view.id}`,
      label: null,
      name: view.name,
      filter: view.filter,
      datePreset: view.datePreset,
      saved: view,
    })),
  ];
}

/** The filter a tab opens today: a preset's days are read again in the store's zone. */
export function tabFilter(tab: Pick<ViewTab, 'filter' | 'datePreset'>, timeZone: string, now = new Date()): ViewFilter {
  if (tab.datePreset === null) return tab.filter;
  const { from, to } = presetRange(tab.datePreset, timeZone, now);
  return { ...tab.filter, from, to };
}

/** The preset a filter's days are (saved so, the view follows the calendar), or null for fixed days. */
export function filterPreset(filter: ViewFilter, timeZone: string, now = new Date()): DatePreset | null {
  return filter.from === undefined || filter.to === undefined ? null : presetOf(filter, timeZone, now);
}

/** The same filter written one way: lists sorted, empty parts dropped, and (unless asked) the sort left out. */
function canonical(filter: ViewFilter, withSort: boolean): string {
  const entries = Object.entries(filter)
    .filter(([key, value]) => {
      if (key === 'sort' && !withSort) return false;
      if (value === undefined || value === '' || value === null) return false;
      return !(Array.isArray(value) && value.length === 0);
    })
    .map(([key, value]) => [key, Array.isArray(value) ? [...(value as string[])].sort() : value] as const)
    .sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify(entries);
}

/**
 * Whether the list shows this tab. A ready-made tab has no sort of its own, so sorting its list keeps it current;
 * a saved view is its filter and its sort.
 */
export function showsTab(current: ViewFilter, tab: ViewTab, timeZone: string, now = new Date()): boolean {
  const withSort = tab.saved !== null;
  const wanted = tabFilter(tab, timeZone, now);
  const fullSort = withSort && wanted.sort === undefined ? { ...wanted, sort: DEFAULT_SORT } : wanted;
  return canonical(current, withSort) === canonical(fullSort, withSort);
}

export const DEFAULT_SORT = { key: 'date', direction: 'desc' } as const satisfies NonNullable<ViewFilter['sort']>;
