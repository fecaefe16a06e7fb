import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startFakeStore, type FakeStore } from '../../src/main/core/fake-store';
import { createTestCore, type TestCore } from '../helpers/core';
import { chromiumAvailable, screenshotPath } from '../helpers/chromium';
import { fillStoreForm, openApp, type AppSession } from '../helpers/app-session';

const inTestKeyring = process.env['BALCAO_TEST_KEYRING'] === '1';

// Words the pt-BR catalogue uses in these failures: none may reach an English screen.
const PORTUGUESE = /recusou|chave secreta|já foi adicionada|Confira|loja/i;

describe.skipIf(!chromiumAvailable || !inTestKeyring)(
  'failures in English (Chromium, bridge, real core, real keyring)',
  () => {
    let fake: FakeStore;
    let core: TestCore;
    let app: AppSession;
    let page: Page;

    beforeAll(async () => {
      fake = await startFakeStore({
        seed: 5,
        orders: 20,
        customers: 8,
        alias: 'casadoze',
        token: 'tok-CASA-ZE-4k8m2p6r',
        secret: 'sec-CASA-ZE-9q3w7e1t',
      });
      core = createTestCore({ apiBaseUrl: fake.apiBaseUrl });
      // The person chose English earlier: the choice is kept in local storage.
      app = await openApp(core, { locale: 'en' });
      page = app.page;
    });

    afterAll(async () => {
      await app?.close();
      await core?.dispose();
      await fake?.close();
    });

    const submit = 'Test connection and add';
    const formError = (): Promise<string | null> => page.getByTestId('store-form-error').textContent();

    it('says wrong credentials (AUTH_INVALID) in English', async () => {
      await page.getByRole('heading', { name: 'Welcome to Balcão' }).waitFor();
      await fillStoreForm(page, { alias: 'casadoze', token: 'wrong-token-000', secret: 'wrong-secret-000' }, submit);
      await expect
        .poll(formError)
        .toBe("Yampi refused the token or the secret key. Check the API credentials in the store's dashboard.");
      expect(await formError()).not.toMatch(PORTUGUESE);
      await page.screenshot({ path: screenshotPath('store-error-auth-en') });
    });

    it('says a store added twice (CONFLICT, with its alias) in English', async () => {
      await fillStoreForm(page, { alias: 'casadoze', ...fake.credentials }, submit);
      await page.getByTestId('store-switcher').waitFor();
      await page.getByRole('button', { name: 'Settings' }).click();
      await page.getByTestId('add-store').click();
      await fillStoreForm(page, { alias: 'casadoze', ...fake.credentials }, submit);
      await expect.poll(formError).toBe('The store “casadoze” was already added.');
      await page.screenshot({ path: screenshotPath('store-error-conflict-en') });
    });
  },
);
