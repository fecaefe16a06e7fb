import { describe, expect, it } from 'vitest';
import { toZonedTime } from '../../src/main/core/normalize/time';

const SP = 'America/Sao_Paulo';
const utcOf = (value: unknown, zone = SP): string | null => {
  const result = toZonedTime(value, zone);
  return result.ok ? result.time.utc : null;
};

describe('toZonedTime', () => {
  it('reads PHP timestamps in the zone they name, not the machine zone', () => {
    expect(toZonedTime({ date: '2024-03-05 14:02:11.000000', timezone_type: 3, timezone: SP }, 'UTC')).toEqual({
      ok: true,
      time: { utc: '2024-03-05T17:02:11.000Z', zone: SP },
    });
    expect(utcOf({ date: '2024-03-05 14:02:11.123456', timezone_type: 3, timezone: 'America/Manaus' })).toBe(
      '2024-03-05T18:02:11.123Z',
    );
  });

  it('applies historical Brazilian DST (abolished in 2019)', () => {
    // Summer time began on 2018-11-04: noon is UTC-3 the day before and UTC-2 on the day.
    expect(utcOf({ date: '2018-11-03 12:00:00', timezone_type: 3, timezone: SP })).toBe('2018-11-03T15:00:00.000Z');
    expect(utcOf({ date: '2018-11-04 12:00:00', timezone_type: 3, timezone: SP })).toBe('2018-11-04T14:00:00.000Z');
    // Midnight did not exist that day: the clock jumped from 00:00 to 01:00.
    expect(utcOf({ date: '2018-11-04 00:30:00', timezone_type: 3, timezone: SP })).toBe('2018-11-04T03:30:00.000Z');
    expect(utcOf('2019-01-15 10:00:00')).toBe('2019-01-15T12:00:00.000Z');
    expect(utcOf('2024-01-15 10:00:00')).toBe('2024-01-15T13:00:00.000Z');
  });

  it('honours ISO offsets and keeps the store zone for display', () => {
    expect(toZonedTime('2023-11-07T05:31:56Z', SP)).toEqual({
      ok: true,
      time: { utc: '2023-11-07T05:31:56.000Z', zone: SP },
    });
    expect(utcOf('2024-03-06T10:00:00-03:00')).toBe('2024-03-06T13:00:00.000Z');
    expect(utcOf('2024-03-06T10:00:00+0100')).toBe('2024-03-06T09:00:00.000Z');
  });

  it('reads zone-less text in the store zone', () => {
    expect(utcOf('2024-03-06T10:00:00', 'America/Noronha')).toBe('2024-03-06T12:00:00.000Z');
    expect(utcOf('2024-03-06')).toBe('2024-03-06T03:00:00.000Z');
  });

  it('reads fixed offsets (timezone_type 1) and falls back to the store zone for unknown names', () => {
    expect(utcOf({ date: '2024-03-05 14:00:00', timezone_type: 1, timezone: '-03:00' })).toBe(
      '2024-03-05T17:00:00.000Z',
    );
    const unknown = toZonedTime({ date: '2024-03-05 14:00:00', timezone_type: 2, timezone: 'BRT' }, SP);
    expect(unknown).toMatchObject({
      ok: true,
      time: { utc: '2024-03-05T17:00:00.000Z', zone: SP },
      warning: expect.any(String),
    });
    // PHP's abbreviation for a time it parsed from ISO text ending in Z.
    expect(toZonedTime({ date: '2024-03-05 14:02:11.000000', timezone_type: 2, timezone: 'Z' }, SP)).toEqual({
      ok: true,
      time: { utc: '2024-03-05T14:02:11.000Z', zone: 'UTC' },
    });
  });

  it('refuses impossible or unreadable values', () => {
    for (const bad of [
      '2024-02-30 10:00:00',
      'ontem',
      '',
      42,
      null,
      { date: 5 },
      '99999-01-01',
      '1800-01-01 00:00:00',
    ]) {
      expect(toZonedTime(bad, SP).ok).toBe(false);
    }
  });
});
