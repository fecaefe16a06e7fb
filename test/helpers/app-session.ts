import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startBridge, type Bridge } from '../../src/dev/bridge-server';
import type { Core } from '../../src/main/core/composition';
import type { Locale } from '../../src/shared/i18n/messages';
import { launchChromium } from './chromium';
import { ensureRendererBuilt } from './renderer-build';

export interface AppSession {
  bridge: Bridge;
  browser: Browser;
  page: Page;
  close(): Promise<void>;
}

/** The built renderer in Chromium, wired to a core through the HTTP bridge; `locale` as if the person chose it. */
export async function openApp(
  core: Pick<Core, 'dispatch' | 'events'>,
  options: { locale?: Locale; viewport?: { width: number; height: number } } = {},
): Promise<AppSession> {
  ensureRendererBuilt();
  const bridge = await startBridge({
    dispatch: core.dispatch,
    events: core.events,
    staticDir: resolve('out/renderer'),
  });
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: options.viewport ?? { width: 1280, height: 820 } });
  const locale = options.locale;
  if (locale) await page.addInitScript((chosen) => localStorage.setItem('balcao.locale', chosen), locale);
  await page.goto(bridge.appUrl);
  return {
    bridge,
    browser,
    page,
    async close() {
      await browser.close();
      await bridge.close();
    },
  };
}

/** Fills the store form and presses its submit button (named in the page's language). */
export async function fillStoreForm(
  page: Page,
  store: { alias: string; token: string; secret: string },
  submit: string | RegExp,
): Promise<void> {
  const form = page.getByTestId('store-form');
  await form.locator('input[name=alias]').fill(store.alias);
  await form.locator('input[name=token]').fill(store.token);
  await form.locator('input[name=secret]').fill(store.secret);
  await form.getByRole('button', { name: submit }).click();
}
