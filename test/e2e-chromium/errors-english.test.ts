import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startBridge, type Bridge } from '../../src/dev/bridge-server';
import { startFakeStore, type FakeStore } from '../../src/main/core/fake-store';
import { createTestCore, type TestCore } from '../helpers/core';
import { chromiumAvailable, launchChromium, screenshotPath } from '../helpers/chromium';
import { ensureRendererBuilt } from '../helpers/renderer-build';

const inTestKeyring = process.env['BALCAO_TEST_KEYRING'] === '1';

// Words the pt-BR catalogue uses in these failures: none may reach an English screen.
const PORTUGUESE = /recusou|chave secreta|já foi adicionada|Confira|loja/i;

describe.skipIf(!chromiumAvailable || !inTestKeyring)(
  'failures in English (Chromium, bridge, real core, real keyring)',
  () => {
    let fake: FakeStore;
    let core: TestCore;
    let bridge: Bridge;
    let browser: Browser;
    let page: Page;

    beforeAll(async () => {
      ensureRendererBuilt();
      fake = await startFakeStore({
        seed: 5,
        orders: 20,
        customers: 8,
        alias: 'casadoze',
        token: 'tok-CASA-ZE-4k8m2p6r',
        secret: 'sec-CASA-ZE-9q3w7e1t',
      });
      core = createTestCore({ apiBaseUrl: fake.apiBaseUrl });
      bridge = await startBridge({ dispatch: core.dispatch, events: core.events, staticDir: resolve('out/renderer') });
      browser = await launchChromium();
      page = await browser.newPage({ viewport: { width: 1280, height: 820 } });
      // The person chose English earlier: the choice is kept in local storage.
      await page.addInitScript(() => localStorage.setItem('balcao.locale', 'en'));
      await page.goto(bridge.appUrl);
    });

    afterAll(async () => {
      await browser?.close();
      await bridge?.close();
      await core?.dispose();
      await fake?.close();
    });

    async function fillStoreForm(alias: string, token: string, secret: string): Promise<void> {
      const form = page.getByTestId('store-form');
      await form.locator('input[name=alias]').fill(alias);
      await form.locator('input[name=token]').fill(token);
      await form.locator('input[name=secret]').fill(secret);
      await form.getByRole('button', { name: 'Test connection and add' }).click();
    }

    const formError = (): Promise<string | null> => page.getByTestId('store-form-error').textContent();

    it('says wrong credentials (AUTH_INVALID) in English', async () => {
      await page.getByRole('heading', { name: 'Welcome to Balcão' }).waitFor();
      await fillStoreForm('casadoze', 'wrong-token-000', 'wrong-secret-000');
      await expect
        .poll(formError)
        .toBe("Yampi refused the token or the secret key. Check the API credentials in the store's dashboard.");
      expect(await formError()).not.toMatch(PORTUGUESE);
      await page.screenshot({ path: screenshotPath('store-error-auth-en') });
    });

    it('says a store added twice (CONFLICT, with its alias) in English', async () => {
      await fillStoreForm('casadoze', fake.credentials.token, fake.credentials.secret);
      await page.getByTestId('store-switcher').waitFor();
      await page.getByRole('button', { name: 'Settings' }).click();
      await page.getByTestId('add-store').click();
      await fillStoreForm('casadoze', fake.credentials.token, fake.credentials.secret);
      await expect.poll(formError).toBe('The store “casadoze” was already added.');
      await page.screenshot({ path: screenshotPath('store-error-conflict-en') });
    });
  },
);
