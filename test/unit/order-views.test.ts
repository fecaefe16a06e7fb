import { describe, expect, it } from 'vitest';
import { filterPreset, showsTab, tabFilter, viewTabs } from '../../src/renderer/src/lib/order-views';
import type { SavedView } from '../../src/shared/domain/saved-view';

const SP = 'America/Sao_Paulo';
// 02:30 UTC on 1 March is still 29 February (a leap day) in São Paulo.
const now = new Date('2024-03-01T02:30:00Z');
const saved: SavedView = {
  id: 7,
  name: 'PIX da semana',
  filter: {
    paymentMethods: ['pix', 'billet'],
    sort: { key: 'total', direction: 'desc' },
    from: '2024-01-01',
    to: '2024-01-07',
  },
  datePreset: 'last7',
  position: 0,
};
const tabs = viewTabs([saved], (key) => key);
const tab = (key: string) => tabs.find((t) => t.key === key)!;

describe('the order list’s tabs', () => {
  it('puts the ready-made tabs first, named in the language, then the merchant’s own by their name', () => {
    expect(tabs.map((t) => t.name)).toEqual([
      'views.all',
      'views.unreviewed',
      'views.waitingPayment',
      'views.flagged',
      'views.today',
      'PIX da semana',
    ]);
  });

  it('reads a preset’s days again in the store’s zone on the day the tab is opened', () => {
    expect(tabFilter(tab('today'), SP, now)).toEqual({ from: '2024-02-29', to: '2024-02-29' });
    expect(tabFilter(tab('saved-7'), SP, now)).toMatchObject({ from: '2024-02-23', to: '2024-02-29' });
    expect(filterPreset({ from: '2024-02-23', to: '2024-02-29' }, SP, now)).toBe('last7');
    expect(filterPreset({ from: '2024-02-22', to: '2024-02-29' }, SP, now)).toBeNull();
    expect(filterPreset({ from: '2024-02-29' }, SP, now)).toBeNull();
  });

  it('shows a ready-made tab whatever the sort, a saved view only with its own sort, lists in any order', () => {
    const sorted = { sort: { key: 'number', direction: 'asc' } } as const;
    expect(showsTab({ review: 'flagged', ...sorted }, tab('flagged'), SP, now)).toBe(true);
    expect(showsTab({ review: 'flagged', delivered: true }, tab('flagged'), SP, now)).toBe(false);
    expect(showsTab({ ...sorted }, tab('all'), SP, now)).toBe(true);
    const current = {
      paymentMethods: ['billet', 'pix'],
      from: '2024-02-23',
      to: '2024-02-29',
      sort: { key: 'total', direction: 'desc' },
    } as const;
    expect(showsTab({ ...current, paymentMethods: [...current.paymentMethods] }, tab('saved-7'), SP, now)).toBe(true);
    expect(
      showsTab(
        { ...current, paymentMethods: ['pix'], sort: { key: 'total', direction: 'asc' } },
        tab('saved-7'),
        SP,
        now,
      ),
    ).toBe(false);
    expect(
      showsTab(
        { ...current, paymentMethods: ['pix', 'billet'], sort: { key: 'date', direction: 'desc' } },
        tab('saved-7'),
        SP,
        now,
      ),
    ).toBe(false);
  });
});
