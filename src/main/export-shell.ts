import { join } from 'node:path';
import type { BrowserWindow, Dialog, FileFilter, Shell } from 'electron';
import { AppError } from './core/base/app-error';
import { keptPrinter, type ExportShell, type TargetRequest } from './core/export/export-service';
import type { PdfPrinter } from './core/export/printer';
import { shellText } from '../shared/i18n/shell-messages';

export interface ElectronExportDeps {
  dialog: Pick<Dialog, 'showSaveDialog' | 'showOpenDialog'>;
  shell: Pick<Shell, 'openPath' | 'showItemInFolder'>;
  /** The window the dialog belongs to (the focused one), or null for a free-standing dialog. */
  parentWindow(): BrowserWindow | null;
  /** Where the dialog starts: the person's Documents folder. */
  defaultFolder: string;
  makePrinter(): PdfPrinter;
}

const FILTERS: Record<TargetRequest['extension'], FileFilter> = {
  pdf: { name: 'PDF', extensions: ['pdf'] },
  csv: { name: 'CSV', extensions: ['csv'] },
};

/**
 * Exports in the app: the system save dialog (a folder dialog for one file per order) asks where, the file is
 * opened or shown in its folder by the system, and documents print in a hidden window of Electron's own Chromium.
 */
export function electronExportShell(deps: ElectronExportDeps): ExportShell {
  const printer = keptPrinter(deps.makePrinter);
  return {
    async chooseTarget(request: TargetRequest) {
      const parent = deps.parentWindow();
      if (request.folder) {
        const options = {
          title: shellText(request.locale, 'export.chooseFolder'),
          defaultPath: deps.defaultFolder,
          properties: ['openDirectory', 'createDirectory'] as Array<'openDirectory' | 'createDirectory'>,
        };
        const answer = parent
          ? await deps.dialog.showOpenDialog(parent, options)
          : await deps.dialog.showOpenDialog(options);
        return answer.canceled || answer.filePaths.length === 0 ? null : answer.filePaths[0];
      }
      const options = {
        title: shellText(request.locale, 'export.saveAs'),
        defaultPath: join(deps.defaultFolder, request.suggestedName),
        filters: [FILTERS[request.extension]],
      };
      const answer = parent
        ? await deps.dialog.showSaveDialog(parent, options)
        : await deps.dialog.showSaveDialog(options);
      if (answer.canceled || !answer.filePath) return null;
      // A name typed without its extension still gets one, so the system knows what opens it.
      const extension = `.${request.extension}`;
      return answer.filePath.toLowerCase().endsWith(extension) ? answer.filePath : answer.filePath + extension;
    },
    delivered: () => ({ download: null, canOpen: true }),
    async open(path, reveal) {
      if (reveal) {
        deps.shell.showItemInFolder(path);
        return;
      }
      // openPath answers with an error text rather than throwing; the file may have been moved since.
      const failure = await deps.shell.openPath(path);
      if (failure)
        throw new AppError('NOT_FOUND', `Cannot open the export: ${failure}`, { params: { reason: 'export' } });
    },
    printer: printer.printer,
    close: printer.close,
  };
}
