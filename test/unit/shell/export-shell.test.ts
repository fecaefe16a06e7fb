import { describe, expect, it } from 'vitest';
import type { BrowserWindow } from 'electron';
import { electronExportShell, type ElectronExportDeps } from '../../../src/main/export-shell';
import type { PdfPrinter } from '../../../src/main/core/export/printer';

/** Electron's dialog and shell as stand-ins: each records what it was asked and answers what the test says. */
function standIns(answers: { save?: string | null; folder?: string | null; openFails?: string } = {}) {
  const calls: { kind: string; parent: boolean; options: Record<string, unknown> }[] = [];
  const opened: string[] = [];
  const shown: string[] = [];
  let printersMade = 0;
  let disposed = 0;
  let parent: BrowserWindow | null = null;
  const record =
    (kind: string) =>
    async (...args: unknown[]) => {
      const options = (args.length === 2 ? args[1] : args[0]) as Record<string, unknown>;
      calls.push({ kind, parent: args.length === 2, options });
      if (kind === 'save')
        return answers.save ? { canceled: false, filePath: answers.save } : { canceled: true, filePath: '' };
      return answers.folder ? { canceled: false, filePaths: [answers.folder] } : { canceled: true, filePaths: [] };
    };
  const deps = {
    dialog: { showSaveDialog: record('save'), showOpenDialog: record('folder') },
    shell: {
      openPath: async (path: string) => {
        opened.push(path);
        return answers.openFails ?? '';
      },
      showItemInFolder: (path: string) => void shown.push(path),
    },
    parentWindow: () => parent,
    defaultFolder: '/home/ana/Documentos',
    makePrinter: (): PdfPrinter => {
      printersMade += 1;
      return { print: async () => new Uint8Array(), dispose: async () => void (disposed += 1) };
    },
  } as unknown as ElectronExportDeps;
  return {
    shell: electronExportShell(deps),
    calls,
    opened,
    shown,
    setParent: (window: BrowserWindow | null) => (parent = window),
    counts: () => ({ printersMade, disposed }),
  };
}

const pdf = { folder: false, suggestedName: 'pedido-1043.pdf', extension: 'pdf', locale: 'pt-BR' } as const;

describe('the app asks where to save with the system dialogs', () => {
  it('offers the suggested name in Documents with a PDF filter, titled in the person’s language', async () => {
    const s = standIns({ save: '/home/ana/Documentos/pedido-1043.pdf' });
    expect(await s.shell.chooseTarget(pdf)).toBe('/home/ana/Documentos/pedido-1043.pdf');
    expect(s.calls).toEqual([
      {
        kind: 'save',
        parent: false,
        options: {
          title: 'Salvar exportação',
          defaultPath: '/home/ana/Documentos/pedido-1043.pdf',
          filters: [{ name: 'PDF', extensions: ['pdf'] }],
        },
      },
    ]);
  });

  it('puts the extension on a name typed without it, and keeps one typed with it in any case', async () => {
    expect(await standIns({ save: '/tmp/relatorio' }).shell.chooseTarget(pdf)).toBe('/tmp/relatorio.pdf');
    expect(await standIns({ save: '/tmp/RELATORIO.PDF' }).shell.chooseTarget(pdf)).toBe('/tmp/RELATORIO.PDF');
    const csv = { ...pdf, extension: 'csv', suggestedName: 'pedidos.csv' } as const;
    expect(await standIns({ save: '/tmp/pedidos' }).shell.chooseTarget(csv)).toBe('/tmp/pedidos.csv');
  });

  it('answers null when the dialog is cancelled, so nothing is written', async () => {
    expect(await standIns({ save: null }).shell.chooseTarget(pdf)).toBeNull();
    expect(await standIns({ folder: null }).shell.chooseTarget({ ...pdf, folder: true })).toBeNull();
  });

  it('asks for a folder (which it may create) for one file per order, over the focused window', async () => {
    const s = standIns({ folder: '/home/ana/Documentos/romaneios' });
    s.setParent({} as BrowserWindow);
    const chosen = await s.shell.chooseTarget({ ...pdf, folder: true, suggestedName: 'romaneios', locale: 'en' });
    expect(chosen).toBe('/home/ana/Documentos/romaneios');
    expect(s.calls[0]).toMatchObject({
      kind: 'folder',
      parent: true,
      options: { title: 'Choose the folder for the files', properties: ['openDirectory', 'createDirectory'] },
    });
  });
});

describe('after an export the app opens the file or shows it in its folder', () => {
  it('opens with the system, or reveals in the file manager', async () => {
    const s = standIns();
    await s.shell.open('/tmp/a.pdf', false);
    await s.shell.open('/tmp/b.pdf', true);
    expect(s.opened).toEqual(['/tmp/a.pdf']);
    expect(s.shown).toEqual(['/tmp/b.pdf']);
    expect(s.shell.delivered(['/tmp/a.pdf'])).toEqual({ download: null, canOpen: true });
  });

  it('turns openPath’s error text into a code the window can say', async () => {
    const s = standIns({ openFails: 'Failed to open path' });
    await expect(s.shell.open('/tmp/gone.pdf', false)).rejects.toMatchObject({
      code: 'NOT_FOUND',
      params: { reason: 'export' },
    });
  });

  it('makes the print window once, on the first PDF, and releases it on close', async () => {
    const s = standIns();
    expect(s.counts()).toEqual({ printersMade: 0, disposed: 0 });
    s.shell.printer();
    s.shell.printer();
    expect(s.counts()).toEqual({ printersMade: 1, disposed: 0 });
    await s.shell.close();
    expect(s.counts()).toEqual({ printersMade: 1, disposed: 1 });
  });
});
