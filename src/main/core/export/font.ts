import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The one typeface of every document: Noto Sans from a pinned @fontsource version, so it never changes between builds. */
export const FONT_FAMILY = 'Noto Sans';
const PACKAGE = '@fontsource/noto-sans';
const SUBSETS = ['latin', 'latin-ext'] as const;
const WEIGHTS = [400, 700] as const;

let cached: string | null = null;

const packageRoot = (): string => dirname(createRequire(import.meta.url).resolve(`${PACKAGE}/package.json`));

let stampCached: Uint8Array | null = null;

/**
 * The regular latin subset as WOFF (fontkit reads WOFF, not WOFF2) for text drawn onto printed pages
 * afterwards: the same face, so stamped page numbers match the margin text Chromium printed.
 */
export function stampFontBytes(): Uint8Array {
  stampCached ??= readFileSync(join(packageRoot(), 'files', 'noto-sans-latin-400-normal.woff'));
  return stampCached;
}

/**
 * `@font-face` rules with the WOFF2 files inline as data: URIs (the CSP allows no other
 * source), each subset with the unicode-range the package declares for it.
 */
export function fontFaceCss(): string {
  if (cached !== null) return cached;
  const root = packageRoot();
  const rules: string[] = [];
  for (const weight of WEIGHTS) {
    const packageCss = readFileSync(join(root, `${weight}.css`), 'utf8');
    for (const subset of SUBSETS) {
      const file = `noto-sans-${subset}-${weight}-normal.woff2`;
      const block = packageCss.split('@font-face').find((b) => b.includes(`/${file})`));
      const range = block ? /unicode-range:\s*([^;]+);/.exec(block)?.[1] : undefined;
      const data = readFileSync(join(root, 'files', file)).toString('base64');
      rules.push(
        `@font-face{font-family:'${FONT_FAMILY}';font-style:normal;font-weight:${weight};font-display:block;` +
          `src:url(data:font/woff2;base64,${data}) format('woff2');${range ? `unicode-range:${range};` : ''}}`,
      );
    }
  }
  cached = rules.join('\n');
  return cached;
}
