import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';

describe.skipIf(process.platform !== 'linux')('npm test’s preflight (scripts/with-keyring.mjs)', () => {
  it('names a missing tool and the apt-get line that installs it, then still runs the command', () => {
    const result = spawnSync(process.execPath, ['scripts/with-keyring.mjs', 'node', '-e', 'console.log("ran")'], {
      encoding: 'utf8',
      env: { ...process.env, BALCAO_CHROMIUM: '/nonexistent/chromium', BALCAO_KEYRING: 'system' },
    });
    expect(result.stderr).toContain('missing chromium');
    expect(result.stderr).toMatch(/apt-get install .*chromium/);
    expect(result.stdout).toContain('ran');
    expect(result.status).toBe(0);
  });
});
