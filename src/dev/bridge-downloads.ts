import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { AppError } from '../main/core/base/app-error';
import { ChromiumPrinter } from '../main/core/export/chromium-printer';
import { keptPrinter, type ExportShell } from '../main/core/export/export-service';
import type { PdfPrinter } from '../main/core/export/printer';

export const DOWNLOAD_PATH = 'download/';

export interface Download {
  path: string;
  name: string;
}

/**
 * Exports in the browser preview: a browser page cannot be handed a path, so each export is written into a private
 * temporary folder and served once as a download (the bridge's `download/` route), then deleted.
 */
export class BridgeDownloads {
  readonly #dir = mkdtempSync(join(tmpdir(), 'balcao-exports-'));
  readonly #ready = new Map<string, Download>();
  readonly #printer: ReturnType<typeof keptPrinter>;

  constructor(makePrinter: () => PdfPrinter = () => new ChromiumPrinter()) {
    this.#printer = keptPrinter(makePrinter);
  }

  readonly shell: ExportShell = {
    chooseTarget: async (request) => {
      // One file per order would be many downloads at once; the preview offers one file.
      if (request.folder)
        throw new AppError('INVALID_INPUT', 'The preview saves one file per export.', {
          params: { reason: 'field', field: 'perOrderFiles' },
        });
      const folder = join(this.#dir, randomBytes(8).toString('hex'));
      await mkdir(folder);
      return join(folder, basename(request.suggestedName));
    },
    delivered: (files) => {
      const id = randomBytes(18).toString('base64url');
      this.#ready.set(id, { path: files[0], name: basename(files[0]) });
      return { download: `${DOWNLOAD_PATH}${id}`, canOpen: false };
    },
    open: () =>
      Promise.reject(
        new AppError('NOT_FOUND', 'The preview has a download instead.', { params: { reason: 'export' } }),
      ),
    printer: () => this.#printer.printer(),
    close: async () => {
      await this.#printer.close();
      rmSync(this.#dir, { recursive: true, force: true });
    },
  };

  /** The file behind a download id, once: a second request for it finds nothing. */
  take(id: string): Download | null {
    const found = this.#ready.get(id) ?? null;
    this.#ready.delete(id);
    return found;
  }

  /** Removes a served file and its folder. */
  async served(download: Download): Promise<void> {
    await rm(join(download.path, '..'), { recursive: true, force: true });
  }
}
