import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGTERM');
});

function run(args: string[]): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main/core/fake-store/cli.ts', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return child;
}

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    const rl = createInterface({ input: child.stdout! });
    rl.once('line', (line) => {
      rl.close();
      resolve(line);
    });
    child.once('exit', (code) => reject(new Error(`exited ${code} before printing`)));
  });
}

function exitCode(child: ChildProcess): Promise<{ code: number | null; stderr: string }> {
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stderr })));
}

describe('fake-store CLI', () => {
  it('prints the URL first and serves the store it was asked for', async () => {
    const child = run([
      '--port',
      '0',
      '--orders',
      '120',
      '--customers',
      '30',
      '--seed',
      '9',
      '--alias',
      'loja',
      '--token',
      'T',
      '--secret',
      'S',
      '--rate-limit',
      '50',
    ]);
    const line = await firstLine(child);
    const m = /^listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(line);
    expect(m).not.toBeNull();
    const res = await fetch(`${m![1]}/v2/loja/orders?limit=10`, {
      headers: { 'User-Token': 'T', 'User-Secret-Key': 'S' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-ratelimit-limit')).toBe('50');
    const body = (await res.json()) as { meta: { pagination: { total: number } } };
    expect(body.meta.pagination.total).toBe(120);
    expect(
      (await fetch(`${m![1]}/v2/loja/orders`, { headers: { 'User-Token': 'T', 'User-Secret-Key': 'x' } })).status,
    ).toBe(401);
    const exited = exitCode(child);
    child.kill('SIGTERM');
    expect((await exited).code).not.toBeNull();
  });

  it('applies --faults and --quirks', async () => {
    const child = run(['--orders', '20', '--faults', '5xx=1', '--quirks']);
    const url = (await firstLine(child)).replace('listening on ', '');
    const res = await fetch(`${url}/v2/demo/orders`, {
      headers: { 'User-Token': 'demo-token', 'User-Secret-Key': 'demo-secret' },
    });
    expect(res.status).toBeGreaterThanOrEqual(500);
  });

  it('exits 2 with a message on usage errors', async () => {
    for (const args of [['--bogus'], ['--orders', 'many'], ['--faults', 'boom=1']]) {
      const { code, stderr } = await exitCode(run(args));
      expect(code).toBe(2);
      expect(stderr).toMatch(/fake-store: .+/);
    }
  });
});
