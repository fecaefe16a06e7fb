import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** The PDF's text as pdftotext reads it (-layout keeps a table row on one line). */
export function pdfText(path: string, layout = true): string {
  return execFileSync('pdftotext', [...(layout ? ['-layout'] : []), '-enc', 'UTF-8', path, '-'], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
}

/** Text per page (pdftotext separates pages with a form feed). */
export function pdfPages(path: string): string[] {
  const pages = pdfText(path).split('\f');
  return pages[pages.length - 1].trim() === '' ? pages.slice(0, -1) : pages;
}

export function pdfPageCount(path: string): number {
  const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
  return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
}

export const PNG_DIR = join('test-results', 'export');

/** Renders pages to test-results/export/NAME-N.png for a person to look at. */
export function renderPngs(pdf: string, name: string, lastPage = 3): string[] {
  mkdirSync(PNG_DIR, { recursive: true });
  for (const file of readdirSync(PNG_DIR)) if (file.startsWith(`${name}-`)) rmSync(join(PNG_DIR, file));
  execFileSync('pdftoppm', ['-png', '-r', '70', '-l', String(lastPage), pdf, join(PNG_DIR, name)]);
  return readdirSync(PNG_DIR)
    .filter((file) => file.startsWith(`${name}-`))
    .map((file) => join(PNG_DIR, file));
}
