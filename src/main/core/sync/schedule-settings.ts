import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { DEFAULT_SYNC_SCHEDULE, SYNC_INTERVALS, type SyncSchedule } from '../../../shared/domain/app';

/** Where the schedule is kept: a small JSON file in the data folder (a preference of this machine, not of a store). */
export interface ScheduleSettings {
  read(): SyncSchedule;
  write(schedule: SyncSchedule): void;
}

export const SCHEDULE_FILE = 'sync-schedule.json';

/** A file that is missing or unreadable reads as the defaults; a value not offered, as its default. */
export function scheduleSettingsFile(file: string): ScheduleSettings {
  return {
    read() {
      try {
        const stored = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
        const known = SYNC_INTERVALS.find((minutes) => minutes === stored['intervalMinutes']);
        const notify = stored['notifyNewOrders'];
        return {
          intervalMinutes: known ?? DEFAULT_SYNC_SCHEDULE.intervalMinutes,
          notifyNewOrders: typeof notify === 'boolean' ? notify : DEFAULT_SYNC_SCHEDULE.notifyNewOrders,
        };
      } catch {
        return DEFAULT_SYNC_SCHEDULE;
      }
    },
    write(schedule) {
      mkdirSync(dirname(file), { recursive: true });
      // Written aside and renamed: a crash mid-write must not leave half a file.
      const partial = `${file}.${process.pid}.tmp`;
      const { intervalMinutes, notifyNewOrders } = schedule;
      writeFileSync(partial, `${JSON.stringify({ intervalMinutes, notifyNewOrders })}\n`);
      renameSync(partial, file);
    },
  };
}

/** In memory: for cores that keep no preferences (tests, benchmarks). */
export function memoryScheduleSettings(initial: SyncSchedule = DEFAULT_SYNC_SCHEDULE) {
  let current = initial;
  const settings: ScheduleSettings = {
    read: () => current,
    write: (schedule) => {
      current = schedule;
    },
  };
  return settings;
}
