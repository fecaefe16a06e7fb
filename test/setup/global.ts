import { rmSync } from 'node:fs';

/** Each test file's start and end, by process (test/setup/file-log.ts writes it). */
export const FILE_LOG = 'test-results/test-files.log';

/** One run's file log: the lines of an earlier run would hide which file this one left unfinished. */
export function setup(): void {
  rmSync(FILE_LOG, { force: true });
}
