import { PDFArray, PDFDocument, PDFName, PDFRawStream, PDFRef } from '@cantoo/pdf-lib';
import { describe, expect, it } from 'vitest';
import { PdfMerger } from '../../src/main/core/export/merge';

async function part(pages: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < pages; i++) doc.addPage([595.28, 841.89]);
  return doc.save();
}

describe('page numbers stamped on merged parts', () => {
  it("stores each page's stamp as written, undeflated, with its text in the stamp font", async () => {
    const merger = new PdfMerger();
    await merger.add(await part(2));
    await merger.add(await part(1));
    const merged = await PDFDocument.load(await merger.bytes((page, pages) => `Página ${page} de ${pages}`));
    const stamps = merged.getPages().map((page) => {
      const contents = page.node.Contents();
      expect(contents).toBeInstanceOf(PDFArray);
      const refs = (contents as PDFArray).asArray().filter((item): item is PDFRef => item instanceof PDFRef);
      const streams = refs.map((ref) => merged.context.lookup(ref));
      const stamp = streams.find(
        (stream) => stream instanceof PDFRawStream && stream.dict.get(PDFName.of('Filter')) === undefined,
      );
      expect(stamp).toBeInstanceOf(PDFRawStream);
      return Buffer.from((stamp as PDFRawStream).getContents()).toString('latin1');
    });
    expect(stamps).toHaveLength(3);
    // The text is drawn in the embedded subset font as glyph ids, so each stamp shows a text object and its font.
    for (const stamp of stamps) expect(stamp).toMatch(/BT[\s\S]*Tf[\s\S]*Tj[\s\S]*ET/);
  });
});
