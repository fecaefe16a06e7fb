import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { _electron as electron } from 'playwright-core';

/**
 * The packaged shell itself. Needs Electron's binary, which npm downloads in its
 * postinstall; where that download is impossible (ELECTRON_SKIP_BINARY_DOWNLOAD,
 * no network) these tests are skipped with that reason.
 */
function electronBinary(): string | null {
  const dir = resolve('node_modules/electron');
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

const binary = electronBinary();
const reason = 'the Electron binary is absent (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1)';

describe.skipIf(!binary)(`Electron shell${binary ? '' : ` — skipped: ${reason}`}`, () => {
  it('opens one window with the frame, sandboxed, without Node in the renderer', async () => {
    const app = await electron.launch({
      executablePath: binary!,
      args: ['.'],
      env: { ...process.env, BALCAO_DATA_DIR: resolve('test-results/electron-data') },
    });
    try {
      const window = await app.firstWindow();
      await expect.poll(() => window.getByTestId('app-version').textContent()).toMatch(/^versão \d+\.\d+\.\d+/);
      expect(await window.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
      expect(await window.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');
      expect(await window.evaluate(() => Object.keys((window as unknown as { api: object }).api).sort())).toEqual([
        'invoke',
        'subscribe',
      ]);
      expect(window.url()).toMatch(/^app:\/\/balcao\//);
      // The app locale is pt-BR whatever the OS's, so native date fields read dd/mm/aaaa.
      expect(await app.evaluate(({ app: electronApp }) => electronApp.getLocale())).toBe('pt-BR');
      expect(await window.evaluate(() => navigator.language)).toBe('pt-BR');
      await window.screenshot({ path: 'test-results/electron-frame.png' });
    } finally {
      await app.close();
    }
  });
});
