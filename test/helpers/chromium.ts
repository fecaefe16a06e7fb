import { existsSync, mkdirSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from '../../src/main/core/export/chromium-printer';

export const CHROMIUM_PATH = chromiumPath();
export const chromiumAvailable = existsSync(CHROMIUM_PATH);

/** Debian's Chromium, never a downloaded one; flags keep it off the (closed) network. */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--no-sandbox', ...CHROMIUM_ARGS],
  });
}

export function screenshotPath(name: string): string {
  mkdirSync('test-results', { recursive: true });
  return `test-results/${name}.png`;
}
