import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { escapedForms } from '../helpers/secret-forms';

/** Every file under `dir` (database, -wal, -shm, logs) whose bytes contain one of `secrets`, in any escaped form, as text or UTF-16. */
export function filesContaining(dir: string, secrets: readonly string[]): string[] {
  const forms = secrets.flatMap(escapedForms);
  const hits: string[] = [];
  const walk = (path: string): void => {
    for (const name of readdirSync(path)) {
      const full = join(path, name);
      if (statSync(full).isDirectory()) walk(full);
      else {
        const bytes = readFileSync(full);
        if (forms.some((s) => bytes.includes(Buffer.from(s, 'utf8')) || bytes.includes(Buffer.from(s, 'utf16le'))))
          hits.push(full);
      }
    }
  };
  walk(dir);
  return hits;
}

export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (path: string): void => {
    for (const name of readdirSync(path)) {
      const full = join(path, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.push(name);
    }
  };
  walk(dir);
  return out;
}
