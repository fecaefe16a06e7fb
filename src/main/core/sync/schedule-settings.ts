import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { DEFAULT_SYNC_INTERVAL, SYNC_INTERVALS, type SyncSchedule } from '../../../shared/domain/app';

/** Where the schedule is kept: a small JSON file in the data folder (a preference of this machine, not of a store). */
export interface ScheduleSettings {
  read(): SyncSchedule;
  write(schedule: SyncSchedule): void;
}

export const SCHEDULE_FILE = 'sync-schedule.json';

/** A file that is missing, unreadable or holds an interval not offered reads as the default. */
export function scheduleSettingsFile(file: string): ScheduleSettings {
  return {
    read() {
      try {
        const value = (JSON.parse(readFileSync(file, 'utf8')) as { intervalMinutes?: unknown }).intervalMinutes;
        const known = SYNC_INTERVALS.find((minutes) => minutes === value);
        return { intervalMinutes: known ?? DEFAULT_SYNC_INTERVAL };
      } catch {
        return { intervalMinutes: DEFAULT_SYNC_INTERVAL };
      }
    },
    write(schedule) {
      mkdirSync(dirname(file), { recursive: true });
      // Written aside and renamed: a crash mid-write must not leave half a file.
      const partial = `${file}.${process.pid}.tmp`;
      writeFileSync(partial, `${JSON.stringify({ intervalMinutes: schedule.intervalMinutes })}\n`);
      renameSync(partial, file);
    },
  };
}

/** In memory: for cores that keep no preferences (tests, benchmarks). */
export function memoryScheduleSettings(initial: SyncSchedule = { intervalMinutes: DEFAULT_SYNC_INTERVAL }) {
  let current = initial;
  const settings: ScheduleSettings = {
    read: () => current,
    write: (schedule) => {
      current = schedule;
    },
  };
  return settings;
}
