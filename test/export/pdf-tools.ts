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

export interface TextLine {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

/** Each page's "Página X de Y" / "Page X of Y" with its box in points from the top left (pdftotext -bbox). */
export function pageNumberLines(path: string): TextLine[] {
  const xml = execFileSync('pdftotext', ['-bbox', '-enc', 'UTF-8', path, '-'], { encoding: 'utf8' });
  return xml
    .split('<page ')
    .slice(1)
    .map((page) => {
      const words = [
        ...page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g),
      ].map((m) => ({ text: m[5], xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]), yMax: Number(m[4]) }));
      const start = words.findIndex(
        (w, i) => /^(Página|Page)$/.test(w.text) && /^(de|of)$/.test(words[i + 2]?.text ?? ''),
      );
      if (start < 0) throw new Error(`no page number on a page of ${path}`);
      const line = words.slice(start, start + 4);
      return {
        text: line.map((w) => w.text).join(' '),
        xMin: Math.min(...line.map((w) => w.xMin)),
        yMin: Math.min(...line.map((w) => w.yMin)),
        xMax: Math.max(...line.map((w) => w.xMax)),
        yMax: Math.max(...line.map((w) => w.yMax)),
      };
    });
}
