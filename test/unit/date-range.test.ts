import { describe, expect, it } from 'vitest';
import { dayIn, ordered, presetOf, presetRange } from '../../src/renderer/src/lib/date-range';

describe('date presets in the store zone', () => {
  // 02:30 UTC on 1 March is still 28 February in São Paulo (UTC−3): the store's day, not the machine's.
  const lateFebruaryInSaoPaulo = new Date('2024-03-01T02:30:00Z');

  it('reads the day in the store zone', () => {
    expect(dayIn('America/Sao_Paulo', lateFebruaryInSaoPaulo)).toBe('2024-02-29');
    expect(dayIn('UTC', lateFebruaryInSaoPaulo)).toBe('2024-03-01');
  });

  it('gives each preset its days, across month and leap-year boundaries', () => {
    const zone = 'America/Sao_Paulo';
    const now = lateFebruaryInSaoPaulo;
    expect(presetRange('today', zone, now)).toEqual({ from: '2024-02-29', to: '2024-02-29' });
    expect(presetRange('yesterday', zone, now)).toEqual({ from: '2024-02-28', to: '2024-02-28' });
    expect(presetRange('last7', zone, now)).toEqual({ from: '2024-02-23', to: '2024-02-29' });
    expect(presetRange('last30', zone, now)).toEqual({ from: '2024-01-31', to: '2024-02-29' });
    expect(presetRange('thisMonth', zone, now)).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(presetRange('lastMonth', zone, now)).toEqual({ from: '2024-01-01', to: '2024-01-31' });
  });

  it('takes last month from January back into December of the year before', () => {
    const now = new Date('2025-01-15T12:00:00Z');
    expect(presetRange('lastMonth', 'America/Sao_Paulo', now)).toEqual({ from: '2024-12-01', to: '2024-12-31' });
    expect(presetRange('yesterday', 'America/Sao_Paulo', new Date('2025-01-01T12:00:00Z'))).toEqual({
      from: '2024-12-31',
      to: '2024-12-31',
    });
  });

  it('recognises a range typed by hand as the preset it matches', () => {
    const now = lateFebruaryInSaoPaulo;
    expect(presetOf({ from: '2024-02-23', to: '2024-02-29' }, 'America/Sao_Paulo', now)).toBe('last7');
    expect(presetOf({ from: '2024-02-22', to: '2024-02-29' }, 'America/Sao_Paulo', now)).toBeNull();
  });

  it('turns a backwards range round and says so; a forward or open range is left alone', () => {
    expect(ordered('2024-03-10', '2024-03-01')).toEqual({ from: '2024-03-01', to: '2024-03-10', swapped: true });
    expect(ordered('2024-03-01', '2024-03-10')).toEqual({ from: '2024-03-01', to: '2024-03-10', swapped: false });
    expect(ordered('2024-03-10', '')).toEqual({ from: '2024-03-10', to: '', swapped: false });
  });
});
