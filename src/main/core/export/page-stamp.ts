import fontkit from '@cantoo/fontkit';
import { PDFArray, PDFContentStream, PDFRef, rgb, type PDFDocument, type PDFFont, type PDFPage } from '@cantoo/pdf-lib';
import { stampFontBytes } from './font';
import { MARGIN_TEXT } from './page';
import { turn } from './selection';

/** Pages stamped between two turns of the event loop: 1,000 pages in one go held the main loop for ~130 ms. */
const PAGES_PER_TURN = 25;

const MM = 72 / 25.4;
const hex = (value: string, at: number) => Number.parseInt(value.slice(at, at + 2), 16) / 255;

/**
 * Draws "Página X de Y" in every page's bottom-right margin of a merged document, where a document printed
 * whole has it from its @page margin box (a part printed alone cannot know the total): the same face, size
 * and colour, right-aligned on the content's edge and centred in the bottom margin as Chromium places it.
 */
export async function stampPageNumbers(
  doc: PDFDocument,
  label: (page: number, pages: number) => string,
): Promise<void> {
  doc.registerFontkit(fontkit);
  const font: PDFFont = await doc.embedFont(stampFontBytes(), { subset: true });
  const size = MARGIN_TEXT.sizePt;
  const ascent = font.heightAtSize(size, { descender: false });
  const descent = font.heightAtSize(size) - ascent;
  const color = rgb(hex(MARGIN_TEXT.color, 1), hex(MARGIN_TEXT.color, 3), hex(MARGIN_TEXT.color, 5));
  const pages = doc.getPages();
  for (const [index, page] of pages.entries()) {
    const text = label(index + 1, pages.length);
    const right = page.getWidth() - MARGIN_TEXT.rightMm * MM;
    // A margin box centres its line box: the baseline sits half the line's height below the margin's middle.
    const baseline = (MARGIN_TEXT.bottomMm * MM) / 2 - (ascent - descent) / 2;
    page.drawText(text, { x: right - font.widthOfTextAtSize(text, size), y: baseline, size, font, color });
    storeUndeflated(doc, page);
    if (index % PAGES_PER_TURN === PAGES_PER_TURN - 1) await turn();
  }
}

/**
 * The content streams pdf-lib made for the page's stamp, stored as they are. pdf-lib deflates each one on save, and
 * its deflater's tables for 360 streams of ~100 bytes left ~30 MB of the process's memory behind (measured on the
 * 10,000-order report: +35 MB during the save, +6 MB stored as they are) to save ~30 bytes a page.
 */
function storeUndeflated(doc: PDFDocument, page: PDFPage): void {
  const contents = page.node.Contents();
  if (!(contents instanceof PDFArray)) return;
  for (let index = 0; index < contents.size(); index++) {
    const ref = contents.get(index);
    const stream = ref instanceof PDFRef ? doc.context.lookup(ref) : undefined;
    if (ref instanceof PDFRef && stream instanceof PDFContentStream)
      doc.context.assign(ref, doc.context.stream(stream.getUnencodedContents()));
  }
}
