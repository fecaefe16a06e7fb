import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startBridge, type Bridge } from '../../src/dev/bridge-server';
import { startFakeStore, type FakeStore } from '../../src/main/core/fake-store';
import { createTestCore, type TestCore } from '../helpers/core';
import { chromiumAvailable, launchChromium, screenshotPath } from '../helpers/chromium';
import { ensureRendererBuilt } from '../helpers/renderer-build';
import { fillStoreForm as fillForm } from '../helpers/app-session';

const inTestKeyring = process.env['BALCAO_TEST_KEYRING'] === '1';

/** Every file under a folder, as bytes: the SQLite file, its WAL, the logs. */
function allBytes(dir: string): Buffer {
  const parts: Buffer[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) parts.push(readFileSync(join(entry.parentPath, entry.name)));
  }
  return Buffer.concat(parts);
}

describe.skipIf(!chromiumAvailable || !inTestKeyring)(
  'stores in the renderer (Chromium, bridge, real core, real keyring)',
  () => {
    let fake: FakeStore;
    let core: TestCore;
    let bridge: Bridge;
    let browser: Browser;
    let page: Page;
    const seenByRenderer: string[] = [];

    beforeAll(async () => {
      ensureRendererBuilt();
      fake = await startFakeStore({
        seed: 3,
        orders: 40,
        customers: 15,
        alias: 'casadaana',
        token: 'tok-CASA-ANA-7f3k2m9q',
        secret: 'sec-CASA-ANA-p4x8z1w6',
      });
      core = createTestCore({ apiBaseUrl: fake.apiBaseUrl });
      core.events.subscribeAll((event, payload) => seenByRenderer.push(JSON.stringify({ event, payload })));
      bridge = await startBridge({ dispatch: core.dispatch, events: core.events, staticDir: resolve('out/renderer') });
      browser = await launchChromium();
      page = await browser.newPage({ viewport: { width: 1280, height: 820 } });
      page.on('response', async (response) => {
        if (response.url().includes('/__bridge/call/')) seenByRenderer.push(await response.text().catch(() => ''));
      });
      await page.goto(bridge.appUrl);
    });

    afterAll(async () => {
      await browser?.close();
      await bridge?.close();
      await core?.dispose();
      await fake?.close();
    });

    const fillStoreForm = (alias: string, token: string, secret: string): Promise<void> =>
      fillForm(page, { alias, token, secret }, /Testar conexão e adicionar/);

    it('shows the first-run screen with both ways in', async () => {
      await page.getByTestId('first-run').waitFor();
      expect(await page.getByRole('heading', { name: 'Bem-vindo ao Balcão' }).isVisible()).toBe(true);
      expect(await page.getByTestId('try-demo').isVisible()).toBe(true);
      await page.screenshot({ path: screenshotPath('first-run') });
    });

    it('validates fields before calling the API', async () => {
      await page
        .getByTestId('store-form')
        .getByRole('button', { name: /Testar conexão e adicionar/ })
        .click();
      expect(await page.getByText('Obrigatório.').isVisible()).toBe(true);
      expect(await page.getByText('Credencial curta demais', { exact: false }).count()).toBe(2);
    });

    it('shows its own message for wrong credentials, a wrong alias and an inactive store', async () => {
      await fillStoreForm('casadaana', 'wrong-token-000', 'wrong-secret-000');
      await expect
        .poll(() => page.getByTestId('store-form-error').textContent())
        .toContain('recusou o token ou a chave secreta');
      await page.screenshot({ path: screenshotPath('store-error-auth') });

      await fillStoreForm('loja-que-nao-existe', fake.credentials.token, fake.credentials.secret);
      await expect.poll(() => page.getByTestId('store-form-error').textContent()).toContain('Confira o alias');
      await page.screenshot({ path: screenshotPath('store-error-alias') });

      fake.control.setActive(false);
      await fillStoreForm('casadaana', fake.credentials.token, fake.credentials.secret);
      await expect.poll(() => page.getByTestId('store-form-error').textContent()).toContain('inativa');
      await page.screenshot({ path: screenshotPath('store-error-inactive') });
      fake.control.setActive(true);
      expect(await core.stores.list()).toEqual([]);
    });

    it('adds the store when the credentials work and lists it in Configurações', async () => {
      await fillStoreForm('casadaana', fake.credentials.token, fake.credentials.secret);
      await page.getByTestId('store-switcher').waitFor();
      // The verification call reached the store: the badge says so.
      await expect.poll(() => page.getByTestId('connectivity').textContent()).toContain('Conectado');
      await page.getByRole('button', { name: 'Configurações' }).click();
      await expect.poll(() => page.getByTestId('store-row').count()).toBe(1);
      expect(await page.getByTestId('store-row').textContent()).toContain('casadaana');
      await page.screenshot({ path: screenshotPath('stores-settings') });
    });

    it('removes the store after a confirmation that says what will be erased', async () => {
      await page.getByTestId('store-row').getByRole('button', { name: 'Remover' }).click();
      const dialog = page.getByTestId('confirm-remove');
      await dialog.waitFor();
      const text = await dialog.textContent();
      expect(text).toContain('chaveiro do sistema');
      expect(text).toContain('clientes');
      await page.screenshot({ path: screenshotPath('store-remove-confirm') });
      await page.getByTestId('confirm-remove-button').click();
      await expect.poll(() => page.getByTestId('store-row').count()).toBe(0);
      expect(await core.stores.list()).toEqual([]);
      expect(await core.secrets.list()).toEqual([]);
    });

    it('never let the token or the secret reach the renderer, the SQLite files or the log', () => {
      expect(seenByRenderer.length).toBeGreaterThan(5);
      const renderer = seenByRenderer.join('\n');
      const disk = allBytes(core.dataDir);
      for (const secret of [fake.credentials.token, fake.credentials.secret]) {
        expect(renderer).not.toContain(secret);
        expect(disk.includes(Buffer.from(secret))).toBe(false);
      }
    });
  },
);
