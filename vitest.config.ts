import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores here: real servers, SQLite files and Chromium compete for them.
    maxWorkers: 2,
    // A fork that dies leaves a trace: the file it was running (test-results/test-files.log) and, for a V8 or
    // Node fatal error, a report with both stacks (test-results/node-report).
    globalSetup: ['test/setup/global.ts'],
    setupFiles: ['test/setup/file-log.ts'],
    execArgv: ['--report-on-fatalerror', '--report-directory=test-results/node-report'],
  },
});
