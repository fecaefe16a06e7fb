import { documentText } from '../../../shared/i18n/documents';
import { generatedAt, t, type DocumentContext } from './doc-format';
import { FONT_FAMILY, fontFaceCss } from './font';
import { cssString, escapeHtml, type Html } from './html';

/**
 * The page's own CSP: inline styles and data: fonts/images only. No script, no
 * fetch, no remote anything, whatever text a value carries.
 */
export const DOCUMENT_CSP = "default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:";

/**
 * How pages are numbered: by Chromium's page counters when the document is printed in one job, or left blank
 * for page-stamp.ts to draw after the separately printed parts of a long document are merged (no part knows
 * the total).
 */
export type PageNumbering = 'counters' | 'stamped';

/** The margin boxes' text; the stamped page numbers are drawn in the same size and colour, in the same place. */
export const MARGIN_TEXT = { sizePt: 7.5, color: '#5c5c5c', rightMm: 13, bottomMm: 15 } as const;

export interface DocumentPage {
  title: string;
  ctx: DocumentContext;
  body: Html;
  /** Extra rules for this kind of document. */
  css?: string;
  numbering?: PageNumbering;
}

/** "Página {page} de {pages}" → a CSS content value with counters in place of the placeholders. */
function pageNumberContent(ctx: DocumentContext): string {
  const template = documentText(ctx.locale, 'page.number');
  return template
    .split(/(\{page\}|\{pages\})/)
    .filter((part) => part !== '')
    .map((part) => (part === '{page}' ? 'counter(page)' : part === '{pages}' ? 'counter(pages)' : cssString(part)))
    .join(' ');
}

const BASE_CSS = `
html { font-family: '${FONT_FAMILY}', sans-serif; font-size: 9pt; color: #1b1b1b; line-height: 1.35;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; }
h1 { font-size: 15pt; margin: 0 0 2mm; }
h2 { font-size: 10.5pt; margin: 5mm 0 1.5mm; padding-bottom: 0.8mm; border-bottom: 0.4mm solid #1b1b1b; break-after: avoid; }
p { margin: 0 0 1mm; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; }
thead { display: table-header-group; }
tfoot { display: table-row-group; }
tr { break-inside: avoid; }
th { text-align: left; font-weight: 700; font-size: 8pt; background: #ececec; border-bottom: 0.3mm solid #888; }
th, td { padding: 1.2mm 1.8mm; vertical-align: top; overflow-wrap: anywhere; unicode-bidi: isolate; }
td { border-bottom: 0.2mm solid #d4d4d4; }
tfoot td { font-weight: 700; border-top: 0.3mm solid #888; border-bottom: none; }
bdi { unicode-bidi: isolate; }
.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.muted { color: #5c5c5c; }
.nowrap { white-space: nowrap; }
.doc + .doc { break-before: page; }
.fields { display: grid; grid-template-columns: max-content 1fr; gap: 0.6mm 3mm; }
.fields dt { color: #5c5c5c; }
.fields dd { margin: 0; overflow-wrap: anywhere; }
.cols { display: grid; grid-template-columns: 1fr 1fr; gap: 6mm; }
.cols > * { min-width: 0; }
.keep { break-inside: avoid; }
`;

/**
 * A document is only ever printed, but Chromium lays a loaded page out for the screen before it lays it out for
 * print: ~0.8 s of its CPU for 200 full orders, a quarter of the batch (measured, BENCHMARKS.md Export). On screen
 * the body shows none of the document, only one letter of each face (latin and latin-ext subsets, both weights), so
 * the fonts still start loading with the page and are ready when it is printed.
 */
const SCREEN_CSS = `
@media screen {
  body > * { display: none; }
  body::before { content: 'a\\0100'; }
  body::after { content: 'a\\0100'; font-weight: 700; }
}
`;

function clip(value: string, max: number): string {
  return value.length > max ? `${value.slice(0, max - 1)}…` : value;
}

/** A complete, self-contained HTML document on A4 with the store, the time and page numbers in the margins. */
export function documentHtml(page: DocumentPage): string {
  const { ctx } = page;
  const margin = `font-family: '${FONT_FAMILY}', sans-serif; font-size: ${MARGIN_TEXT.sizePt}pt; color: ${MARGIN_TEXT.color};`;
  const pageNumber =
    (page.numbering ?? 'counters') === 'counters'
      ? `@bottom-right { content: ${pageNumberContent(ctx)}; ${margin} }`
      : '';
  const css = `${fontFaceCss()}
@page { size: A4; margin: 16mm ${MARGIN_TEXT.rightMm}mm ${MARGIN_TEXT.bottomMm}mm;
  @top-left { content: ${cssString(clip(ctx.store.name, 90))}; ${margin} font-weight: 700; }
  @top-right { content: ${cssString(t(ctx, 'page.generated', { when: generatedAt(ctx) }))}; ${margin} }
  @bottom-left { content: ${cssString(page.title)}; ${margin} }
  ${pageNumber}
}
${BASE_CSS}
${page.css ?? ''}
${SCREEN_CSS}`;
  return `<!doctype html>
<html lang="${ctx.locale}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${DOCUMENT_CSP}">
<title>${escapeHtml(page.title)}</title>
<style>${css}</style></head>
<body>${page.body.text}</body></html>`;
}
