// Which test file each fork process runs, and whether it got to the end. vitest 4 reports a fork that dies only as
// "Worker exited unexpectedly", with neither the file nor the signal; a start line without its end names the file
// (.ci/run prints those when the tests fail).
import { appendFileSync, mkdirSync } from 'node:fs';
import { relative } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { FILE_LOG } from './global';

const note = (what: 'start' | 'end', file: string): void => {
  mkdirSync('test-results', { recursive: true });
  appendFileSync(FILE_LOG, `${process.pid} ${what} ${relative(process.cwd(), file)}\n`);
};

// vitest passes hooks a context first; the suite (here the file) second.
// eslint-disable-next-line no-empty-pattern
beforeAll(({}, suite) => note('start', suite.file.filepath));
// eslint-disable-next-line no-empty-pattern
afterAll(({}, suite) => note('end', suite.file.filepath));
