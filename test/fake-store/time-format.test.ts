import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { apiTimestamp } from '../../src/main/core/fake-store';

describe('apiTimestamp', () => {
  it('formats São Paulo wall time as luxon does, across the years with daylight saving', () => {
    const mismatches: string[] = [];
    for (let t = Date.parse('2016-01-01T00:00:00Z'); t < Date.parse('2027-01-01T00:00:00Z'); t += 12_345_679) {
      const expected = `${DateTime.fromMillis(t, { zone: 'America/Sao_Paulo' }).toFormat('yyyy-LL-dd HH:mm:ss')}.000000`;
      if (apiTimestamp(t).date !== expected) mismatches.push(new Date(t).toISOString());
    }
    // Every 5 minutes around the last two daylight-saving transitions.
    for (const day of ['2018-11-03T12:00:00Z', '2019-02-16T12:00:00Z']) {
      for (let t = Date.parse(day); t < Date.parse(day) + 86_400_000; t += 300_000) {
        const expected = `${DateTime.fromMillis(t, { zone: 'America/Sao_Paulo' }).toFormat('yyyy-LL-dd HH:mm:ss')}.000000`;
        if (apiTimestamp(t).date !== expected) mismatches.push(new Date(t).toISOString());
      }
    }
    expect(mismatches).toEqual([]);
    expect(apiTimestamp(Date.parse('2024-03-05T17:02:11Z'))).toEqual({
      date: '2024-03-05 14:02:11.000000',
      timezone_type: 3,
      timezone: 'America/Sao_Paulo',
    });
  });
});
