import fc from 'fast-check';
import { DateTime, IANAZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import { wallTimeToEpochMs, type WallTime } from '../../src/main/core/normalize/zone-offsets';

// Zones with DST changes in both hemispheres, a half-hour DST (Lord Howe), whole and half-hour offsets, Brazil's
// abolished DST and its local mean time before 1914.
const ZONES = [
  'America/Sao_Paulo',
  'America/Manaus',
  'America/Noronha',
  'America/New_York',
  'Europe/London',
  'Australia/Lord_Howe',
  'Asia/Kolkata',
  'Pacific/Chatham',
  'UTC',
];

const luxonMs = (wall: WallTime, zone: string): number | null => {
  const dt = DateTime.fromObject(wall, { zone });
  return dt.isValid ? dt.toMillis() : null;
};

describe('wallTimeToEpochMs', () => {
  it('gives the instant luxon gives, for any wall time in any of these zones', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.record({
          year: fc.integer({ min: 1900, max: 2100 }),
          month: fc.integer({ min: 1, max: 12 }),
          day: fc.integer({ min: 1, max: 31 }),
          hour: fc.integer({ min: 0, max: 24 }),
          minute: fc.integer({ min: 0, max: 59 }),
          second: fc.integer({ min: 0, max: 59 }),
          millisecond: fc.integer({ min: 0, max: 999 }),
        }),
        (zone, wall) => {
          const fast = wallTimeToEpochMs(wall, IANAZone.create(zone));
          // Null hands the case to luxon (day 31 of a short month, hour 24): only where a field is out of range.
          if (fast === null) expect(wall.hour === 24 || wall.day > 28).toBe(true);
          else expect(fast).toBe(luxonMs(wall, zone));
        },
      ),
      { numRuns: 20_000 },
    );
  });

  it('matches luxon minute by minute across every offset change of 2018 and 2024 (gaps and repeated hours)', () => {
    let changes = 0;
    for (const name of ZONES) {
      const zone = IANAZone.create(name);
      for (const year of [2018, 2024]) {
        // Every UTC hour of the year whose two ends differ holds a change; walk its local wall times around it.
        for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += 3_600_000) {
          const before = zone.offset(t);
          if (zone.offset(t + 3_600_000) === before) continue;
          changes += 1;
          const local = t + before * 60_000;
          for (let m = -120; m <= 180; m += 1) {
            const d = new Date(local + m * 60_000);
            const wall = {
              year: d.getUTCFullYear(),
              month: d.getUTCMonth() + 1,
              day: d.getUTCDate(),
              hour: d.getUTCHours(),
              minute: d.getUTCMinutes(),
              second: 0,
              millisecond: 0,
            };
            expect(wallTimeToEpochMs(wall, zone), `${name} ${d.toISOString()}`).toBe(luxonMs(wall, name));
          }
        }
      }
    }
    // São Paulo 2018, New York, London, Lord Howe and Chatham both years.
    expect(changes).toBeGreaterThanOrEqual(17);
  });

  it('hands out-of-range fields back to luxon', () => {
    const sp = IANAZone.create('America/Sao_Paulo');
    const wall = { year: 2024, month: 2, day: 29, hour: 12, minute: 0, second: 0, millisecond: 0 };
    expect(wallTimeToEpochMs(wall, sp)).toBe(Date.UTC(2024, 1, 29, 15));
    expect(wallTimeToEpochMs({ ...wall, year: 2023 }, sp)).toBeNull();
    expect(wallTimeToEpochMs({ ...wall, hour: 24 }, sp)).toBeNull();
    expect(wallTimeToEpochMs({ ...wall, month: 13 }, sp)).toBeNull();
    expect(wallTimeToEpochMs({ ...wall, second: 60 }, sp)).toBeNull();
  });
});
