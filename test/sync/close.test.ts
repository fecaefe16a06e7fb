import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../', import.meta.url).pathname;

describe('a sync asked for after the sync manager closed', () => {
  it('is cancelled without starting a writer thread, so the process still exits by itself', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/sync/scripts/run-after-close.ts'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    // Not a timing assert: a leaked writer thread keeps the process alive for ever, so the deadline only ends the wait.
    const deadline = setTimeout(() => child.kill('SIGKILL'), 30_000);
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
      child.once('exit', (c, s) => resolve([c, s])),
    );
    clearTimeout(deadline);
    expect(signal, 'the process had to be killed: something was left running').toBeNull();
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ ok: false, cancelled: true });
  });
});
