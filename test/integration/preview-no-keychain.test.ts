import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StoreSummary } from '../../src/shared/domain/app';
import { chromiumAvailable, launchChromium, screenshotPath } from '../helpers/chromium';
import { ensureRendererBuilt } from '../helpers/renderer-build';

// `npm start` on a machine with no Secret Service at all (WSL, a container, a fresh server): the preview's own
// entry point, with its D-Bus address pointing at nothing, must still open on the demo store and sync it.
describe('the preview on a machine without a keychain', () => {
  let child: ChildProcess;
  let dataDir: string;
  let appUrl: string;
  let output = '';

  beforeAll(async () => {
    // The screenshot below needs the built renderer; the bridge itself serves without it.
    if (chromiumAvailable) ensureRendererBuilt();
    dataDir = mkdtempSync(join(tmpdir(), 'balcao-nokeychain-'));
    child = spawn(process.execPath, ['--import', 'tsx', 'src/dev/preview-cli.ts', '--demo'], {
      env: {
        ...process.env,
        BALCAO_DATA_DIR: dataDir,
        BALCAO_PREVIEW_PORT: '0',
        DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/balcao-no-bus',
        DISPLAY: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    appUrl = await new Promise<string>((resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /open (http:\/\/127\.0\.0\.1:\d+\/#bridge-token=\S+)/.exec(output);
        if (match) resolve(match[1]!);
      });
      child.on('exit', (code) => reject(new Error(`the preview exited (${code}) before serving:\n${output}`)));
    });
  });

  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function call<T>(channel: string, input?: unknown): Promise<{ ok: boolean; value: T; error?: unknown }> {
    const url = new URL(appUrl);
    const token = url.hash.slice('#bridge-token='.length);
    const response = await fetch(`${url.origin}/__bridge/call/${channel}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ input }),
    });
    return (await response.json()) as { ok: boolean; value: T };
  }

  it('opens on the demo store and syncs its orders, with nothing in any keychain', async () => {
    await expect
      .poll(
        async () => {
          const stores = await call<StoreSummary[]>('stores.list');
          const demo = stores.value?.find((store) => store.isDemo);
          return demo && demo.lastSyncAt !== null ? demo.orderCount : 0;
        },
        { timeout: 90_000, interval: 500 },
      )
      .toBeGreaterThan(0);
    const [demo] = (await call<StoreSummary[]>('stores.list')).value;
    expect(demo).toMatchObject({ isDemo: true, hasCredentials: true, credentialsOk: true, lastError: null });
    const page = await call<{ rows: unknown[] }>('orders.list', { storeId: demo!.id, query: {} });
    expect(page.ok).toBe(true);
    expect(page.value.rows.length).toBeGreaterThan(0);
    expect(output).not.toMatch(/KEYCHAIN_UNAVAILABLE/);
  });

  it.skipIf(!chromiumAvailable)('shows the demo store’s orders in the browser', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1360, height: 860 } });
      await page.goto(appUrl);
      await page.getByTestId('orders-table').locator('tbody tr').first().waitFor({ timeout: 60_000 });
      expect(await page.getByTestId('orders-table').locator('tbody tr').count()).toBeGreaterThan(0);
      await page.screenshot({ path: screenshotPath('preview-no-keychain') });
    } finally {
      await browser.close();
    }
  });
});
