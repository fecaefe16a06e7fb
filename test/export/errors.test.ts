import { chmodSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from '@cantoo/pdf-lib';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/main/core/base/app-error';
import { ChromiumPrinter, chromiumPath } from '../../src/main/core/export/chromium-printer';
import { exportPdf } from '../../src/main/core/export/pdf-export';
import { writeFileAtomic } from '../../src/main/core/export/output';
import type { PdfPrinter } from '../../src/main/core/export/printer';
import { generatedSource, MemorySource } from './memory-source';

const onePage = (async () => {
  const doc = await PDFDocument.create();
  doc.addPage();
  return doc.save({ useObjectStreams: false });
})();

/** A printer that returns a one-page PDF and counts its jobs: these tests are about what surrounds printing. */
class StubPrinter implements PdfPrinter {
  jobs: string[] = [];
  constructor(private readonly onPrint?: (job: number) => void) {}
  async print(html: string): Promise<Uint8Array> {
    this.jobs.push(html);
    this.onPrint?.(this.jobs.length);
    return onePage;
  }
  async dispose(): Promise<void> {}
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return error instanceof AppError ? error.code : `not an AppError: ${String(error)}`;
  }
  return 'no error';
}

const fresh = () => mkdtempSync(join(tmpdir(), 'balcao-export-errors-'));

describe('export failures each have their own code and leave nothing half-written', () => {
  const source = generatedSource(12);
  const ids = [...source.byId.keys()];

  it('an order id the cache does not hold is NOT_FOUND, and no file appears', async () => {
    const dir = fresh();
    const file = join(dir, 'out.pdf');
    const code = await codeOf(
      exportPdf(
        { kind: 'order', locale: 'pt-BR', selection: { ids: [ids[0], 999_999] }, target: { file } },
        { source, printer: new StubPrinter() },
      ),
    );
    expect(code).toBe('NOT_FOUND');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('an empty selection or a filter matching nothing is EXPORT_EMPTY, for PDF kinds and the report', async () => {
    const file = join(fresh(), 'out.pdf');
    const printer = new StubPrinter();
    for (const kind of ['order', 'packing-slip', 'declaration', 'picking', 'report'] as const) {
      expect(
        await codeOf(
          exportPdf({ kind, locale: 'pt-BR', selection: { ids: [] }, target: { file } }, { source, printer }),
        ),
      ).toBe('EXPORT_EMPTY');
      expect(
        await codeOf(
          exportPdf(
            { kind, locale: 'pt-BR', selection: { query: { statuses: ['no-such-status'] } }, target: { file } },
            { source, printer },
          ),
        ),
      ).toBe('EXPORT_EMPTY');
    }
    expect(printer.jobs).toHaveLength(0);
  });

  it('a customer not in the cache is NOT_FOUND', async () => {
    const file = join(fresh(), 'out.pdf');
    expect(
      await codeOf(
        exportPdf(
          { kind: 'customer', locale: 'pt-BR', customerId: 1, target: { file } },
          { source, printer: new StubPrinter() },
        ),
      ),
    ).toBe('NOT_FOUND');
  });

  // Root writes through any mode bits, so this case runs only for a normal user.
  it.skipIf(process.getuid?.() === 0)(
    'a folder that cannot be written is PATH_UNWRITABLE, and the folder stays empty',
    async () => {
      const dir = fresh();
      chmodSync(dir, 0o500);
      try {
        const file = join(dir, 'out.pdf');
        const code = await codeOf(
          exportPdf(
            { kind: 'order', locale: 'pt-BR', selection: { ids }, target: { file } },
            { source, printer: new StubPrinter() },
          ),
        );
        expect(code).toBe('PATH_UNWRITABLE');
        expect(readdirSync(dir)).toEqual([]);
      } finally {
        chmodSync(dir, 0o700);
      }
    },
  );

  it('a target whose folder is a file is PATH_UNWRITABLE, even for root', async () => {
    const dir = fresh();
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dir, 'plain'), 'x');
    const file = join(dir, 'plain', 'out.pdf');
    expect(
      await codeOf(
        exportPdf(
          { kind: 'order', locale: 'pt-BR', selection: { ids }, target: { file } },
          { source, printer: new StubPrinter() },
        ),
      ),
    ).toBe('PATH_UNWRITABLE');
    expect(readdirSync(dir)).toEqual(['plain']);
  });

  it('a target folder that does not exist is PATH_UNWRITABLE', async () => {
    const file = join(fresh(), 'missing', 'out.pdf');
    expect(
      await codeOf(
        exportPdf(
          { kind: 'report', locale: 'pt-BR', selection: { ids }, target: { file } },
          { source, printer: new StubPrinter() },
        ),
      ),
    ).toBe('PATH_UNWRITABLE');
    const folder = join(fresh(), 'missing');
    expect(
      await codeOf(
        exportPdf(
          { kind: 'order', locale: 'pt-BR', selection: { ids }, target: { folder } },
          { source, printer: new StubPrinter() },
        ),
      ),
    ).toBe('PATH_UNWRITABLE');
  });

  it('a full disk is DISK_FULL and the temporary file is removed', async () => {
    const dir = fresh();
    async function* bytes() {
      yield new Uint8Array([1, 2, 3]);
      throw Object.assign(new Error('write failed'), { code: 'ENOSPC' });
    }
    expect(await codeOf(writeFileAtomic(join(dir, 'out.pdf'), bytes()))).toBe('DISK_FULL');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a cancelled batch is CANCELLED: no file at the target, and a folder export removes the files it wrote', async () => {
    const dir = fresh();
    const controller = new AbortController();
    const printer = new StubPrinter((job) => {
      if (job === 2) controller.abort();
    });
    const file = join(dir, 'out.pdf');
    const code = await codeOf(
      exportPdf(
        { kind: 'order', locale: 'pt-BR', selection: { ids }, target: { file }, signal: controller.signal },
        { source, printer, ordersPerPart: 3 },
      ),
    );
    expect(code).toBe('CANCELLED');
    expect(readdirSync(dir)).toEqual([]);

    const folder = join(dir, 'each');
    mkdirSync(folder);
    const again = new AbortController();
    const perOrder = new StubPrinter((job) => {
      if (job === 4) again.abort();
    });
    const folderCode = await codeOf(
      exportPdf(
        { kind: 'packing-slip', locale: 'pt-BR', selection: { ids }, target: { folder }, signal: again.signal },
        { source, printer: perOrder },
      ),
    );
    expect(folderCode).toBe('CANCELLED');
    expect(perOrder.jobs.length).toBe(4);
    expect(readdirSync(folder)).toEqual([]);
  });

  it('reports progress as done/total with an estimate, ending at the total', async () => {
    const events: { done: number; total: number; etaMs: number | null }[] = [];
    const folder = fresh();
    await exportPdf(
      { kind: 'order', locale: 'pt-BR', selection: { ids }, target: { folder }, onProgress: (p) => events.push(p) },
      { source: new MemorySource([...source.byId.values()]), printer: new StubPrinter() },
    );
    expect(events[0]).toEqual({ done: 0, total: 12, etaMs: null });
    expect(events.map((e) => e.done)).toEqual(Array.from({ length: 13 }, (_, i) => i));
    expect(events.at(-1)?.etaMs).toBe(0);
  });

  it('finds Chromium at BALCAO_CHROMIUM, else /usr/bin/chromium', () => {
    expect(chromiumPath({ BALCAO_CHROMIUM: '/opt/chromium/chrome' })).toBe('/opt/chromium/chrome');
    expect(chromiumPath({})).toBe('/usr/bin/chromium');
  });

  it('a Chromium that is not installed is CHROMIUM_MISSING, saying what to install; nothing is downloaded', async () => {
    const printer = new ChromiumPrinter({ executablePath: '/nonexistent/chromium' });
    try {
      await printer.print('<p>x</p>');
      expect.unreachable();
    } catch (error) {
      expect((error as AppError).code).toBe('CHROMIUM_MISSING');
      expect((error as AppError).message).toMatch(/apt-get install chromium|BALCAO_CHROMIUM/);
    } finally {
      await printer.dispose();
    }
  });

  it('a Chromium that crashes is CHROMIUM_CRASHED, and the next job starts a new one', async () => {
    const fake = join(fresh(), 'chromium');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(fake, '#!/bin/sh\nexit 1\n', { mode: 0o755 });
    const printer = new ChromiumPrinter({ executablePath: fake });
    expect(await codeOf(printer.print('<p>x</p>'))).toMatch(/CHROMIUM_(MISSING|CRASHED)/);
    await printer.dispose();
  });
});
