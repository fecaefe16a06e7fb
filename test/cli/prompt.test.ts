import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeStoreProcess, type FakeStoreProcess } from './processes';
import { filesContaining } from './secret-scan';

const CREDENTIALS = { token: 'tok-PROMPT-5e6f7a8b9c', secret: 'sec-PROMPT-1d2c3b4a5f' };
const ROOT = new URL('../../', import.meta.url).pathname;
const inTestKeyring = process.env['BALCAO_TEST_KEYRING'] === '1';
// util-linux `script` gives the CLI a real terminal (a pty), so readline runs as it does for a person typing.
const hasScript = spawnSync('sh', ['-c', 'command -v script'], { stdio: 'ignore' }).status === 0;
const quote = (s: string): string => `'${s.replaceAll("'", `'\\''`)}'`;

let fake: FakeStoreProcess;
let dataDir: string;

beforeAll(async () => {
  fake = await startFakeStoreProcess(
    ['--orders', '20', '--customers', '10', '--seed', '3', '--end-at', 'now'],
    CREDENTIALS,
  );
  dataDir = mkdtempSync(join(tmpdir(), 'balcao-prompt-'));
});

afterAll(async () => {
  await fake?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Runs the CLI on a pty and types each answer once the text it waits for has shown; resolves with all the terminal showed. */
function onTerminal(
  args: string[],
  answers: ({ after: string; type: string } | { after: string; keys: string })[],
): Promise<{ code: number | null; screen: string }> {
  const command = [process.execPath, '--import', 'tsx', 'src/main/core/cli/main.ts', ...args].map(quote).join(' ');
  const child = spawn('script', ['-qfec', command, '/dev/null'], {
    cwd: ROOT,
    env: { ...process.env, BALCAO_USER_TOKEN: undefined, BALCAO_USER_SECRET_KEY: undefined },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let screen = '';
  const pending = [...answers];
  child.stdout.on('data', (chunk: Buffer) => {
    screen += chunk.toString();
    // Typed only once the prompt shows: readline has then switched the terminal's own echo off.
    while (pending.length > 0 && screen.includes(pending[0].after)) {
      const next = pending.shift()!;
      child.stdin.write('keys' in next ? next.keys : `${next.type}\r`);
    }
  });
  child.stderr.on('data', (chunk: Buffer) => (screen += chunk.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, screen })));
}

describe.skipIf(!inTestKeyring || !hasScript)('balcao stores add on a terminal', () => {
  it('asks for the token and the secret without showing them, and keeps them in the keychain', async () => {
    const added = await onTerminal(
      ['stores', 'add', '--alias', 'demo', '--base-url', fake.apiBaseUrl, '--data-dir', dataDir, '--json'],
      [
        { after: 'User-Token: ', type: CREDENTIALS.token },
        { after: 'User-Secret-Key: ', type: CREDENTIALS.secret },
      ],
    );
    // The store verified what was typed: wrong credentials would have exited 3.
    expect(added.code, added.screen).toBe(0);
    expect(added.screen).toContain('User-Secret-Key: ');
    expect(added.screen).not.toContain(CREDENTIALS.token);
    expect(added.screen).not.toContain(CREDENTIALS.secret);
    const id = /"id":\s*"([^"]+)"/.exec(added.screen)?.[1];
    expect(id).toMatch(/^[0-9a-z]{6}$/);

    // A new process finds them in the keychain: `stores test` calls the store with them.
    const tested = await onTerminal(['stores', 'test', id!, '--data-dir', dataDir], []);
    expect(tested.code, tested.screen).toBe(0);
    expect(filesContaining(dataDir, [CREDENTIALS.token, CREDENTIALS.secret])).toEqual([]);
  });

  it('stops on Ctrl-C at a prompt with exit 130, adding and removing nothing', async () => {
    const interrupted = await onTerminal(
      ['stores', 'add', '--alias', 'demo3', '--base-url', fake.apiBaseUrl, '--data-dir', dataDir],
      [{ after: 'User-Token: ', keys: '\x03' }],
    );
    expect(interrupted.code, interrupted.screen).toBe(130);
    expect(interrupted.screen).toMatch(/interrupted; nothing was changed/);

    const before = await onTerminal(['stores', 'list', '--data-dir', dataDir, '--json'], []);
    const stores = JSON.parse(before.screen.slice(before.screen.indexOf('['))) as { id: string; alias: string }[];
    expect(stores.map((s) => s.alias)).not.toContain('demo3');
    const kept = stores.find((s) => s.alias === 'demo')!;
    const confirm = await onTerminal(
      ['stores', 'remove', kept.id, '--data-dir', dataDir],
      [{ after: '[y/N] ', keys: '\x03' }],
    );
    expect(confirm.code, confirm.screen).toBe(130);
    const after = await onTerminal(['stores', 'list', '--data-dir', dataDir, '--json'], []);
    expect(after.screen).toContain(kept.id);
  });

  it('gives up with a usage error when nothing is typed', async () => {
    const empty = await onTerminal(
      ['stores', 'add', '--alias', 'demo2', '--base-url', fake.apiBaseUrl, '--data-dir', dataDir],
      [
        { after: 'User-Token: ', type: '' },
        { after: 'User-Secret-Key: ', type: '' },
      ],
    );
    expect(empty.code).toBe(2);
    expect(empty.screen).toMatch(/token and secret are both needed/);
  });
});
