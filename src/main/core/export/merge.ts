import { PDFDocument } from '@cantoo/pdf-lib';

/** Gives the event loop a turn between slices of synchronous PDF work. */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

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
    const indices = source.getPageIndices();
    for (let start = 0; start < indices.length; start += PAGES_PER_SLICE) {
      const copied = await doc.copyPages(source, indices.slice(start, start + PAGES_PER_SLICE));
      for (const page of copied) doc.addPage(page);
      await turn();
    }
    this.pages += indices.length;
  }

  async bytes(): Promise<Uint8Array> {
    const doc = await this.doc;
    return doc.save({ objectsPerTick: OBJECTS_PER_TICK, useObjectStreams: true });
  }
}

export async function pageCount(pdf: Uint8Array): Promise<number> {
  const doc = await PDFDocument.load(pdf, { parseSpeed: OBJECTS_PER_TICK, updateMetadata: false });
  return doc.getPageCount();
}
