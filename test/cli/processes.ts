import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

const ROOT = new URL('../../', import.meta.url).pathname;

/** A fake store run through its own CLI as a separate process, as scripts run it. */
export interface FakeStoreProcess {
  url: string;
  apiBaseUrl: string;
  child: ChildProcess;
  /** POSTs to /__control/ (same credentials; never rate-limited or faulted). */
  control(path: string, body: unknown): Promise<unknown>;
  stop(): Promise<void>;
}

export async function startFakeStoreProcess(
  args: string[],
  credentials: { token: string; secret: string },
): Promise<FakeStoreProcess> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/main/core/fake-store/cli.ts',
      '--port',
      '0',
      '--token',
      credentials.token,
      '--secret',
      credentials.secret,
      ...args,
    ],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const lines = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`fake store exited with ${code}: ${stderr}`)));
    lines.once('line', (line) => {
      const match = /^listening on (http:\/\/\S+)$/.exec(line);
      if (match) resolve(match[1]);
      else reject(new Error(`unexpected first line: ${line}`));
    });
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    url,
    apiBaseUrl: `${url}/v2`,
    child,
    async control(path, body) {
      const response = await fetch(`${url}/__control/${path}`, {
        method: 'POST',
        headers: {
          'User-Token': credentials.token,
          'User-Secret-Key': credentials.secret,
          'Content-Type': 'application/json',
        },
        body: JSON.stringify(body),
      });
      return response.json();
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliRun {
  child: ChildProcess;
  done: Promise<CliResult>;
}

/** The CLI as a child process (what `npm run balcao --` runs, minus npm). */
export function spawnCli(args: string[], env: Record<string, string | undefined> = {}): CliRun {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main/core/cli/main.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, BALCAO_USER_TOKEN: undefined, BALCAO_USER_SECRET_KEY: undefined, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<CliResult>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, done };
}

export function runCli(args: string[], env: Record<string, string | undefined> = {}): Promise<CliResult> {
  return spawnCli(args, env).done;
}

/** Seeded, so a failing run can be repeated moment for moment. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
