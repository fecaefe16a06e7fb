import { PDFDocument, PDFObjectCopier, PDFPage } from '@cantoo/pdf-lib';
import { stampPageNumbers } from './page-stamp';
import { turn } from './selection';

/** Pages copied per slice: each slice is a few milliseconds of synchronous work. */
const PAGES_PER_SLICE = 8;
/** Objects parsed or written per tick by pdf-lib (it yields between them). */
const OBJECTS_PER_TICK = 200;

/**
 * Joins separately printed parts into one PDF. Parts are added one at a time
 * and dropped once copied, so only the growing result and one part are held.
 */
export class PdfMerger {
  private doc: Promise<PDFDocument> = PDFDocument.create({ updateMetadata: false });
  pages = 0;

  async add(part: Uint8Array): Promise<void> {
    const doc = await this.doc;
    const source = await PDFDocument.load(part, { parseSpeed: OBJECTS_PER_TICK, updateMetadata: false });
    if (this.pages === 0) {
      doc.setTitle(source.getTitle() ?? '');
      doc.setProducer(source.getProducer() ?? '');
      doc.setCreator(source.getCreator() ?? '');
    }
    const pages = source.getPages();
    // One copier per part, so the fonts its pages share are copied once; the event loop gets a turn between slices.
    const copier = PDFObjectCopier.for(source.context, doc.context);
    for (let start = 0; start < pages.length; start += PAGES_PER_SLICE) {
      for (const page of pages.slice(start, start + PAGES_PER_SLICE)) {
        const copy = copier.copy(page.node);
        doc.addPage(PDFPage.of(copy, doc.context.register(copy), doc));
      }
      await turn();
    }
    this.pages += pages.length;
  }

  /** The merged document, each page stamped with its number and the total (`label(page, pages)`). */
  async bytes(label: (page: number, pages: number) => string): Promise<Uint8Array> {
    const doc = await this.doc;
    await stampPageNumbers(doc, label);
    return doc.save({ objectsPerTick: OBJECTS_PER_TICK, useObjectStreams: true });
  }
}
