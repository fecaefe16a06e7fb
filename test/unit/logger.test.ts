import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../src/main/core/log/logger';
import { Redactor } from '../../src/main/core/log/redactor';
import { echoes, escapedForms } from '../helpers/secret-forms';

function logDir(): { dir: string; file: string } {
  const dir = join(mkdtempSync(join(tmpdir(), 'balcao-log-')), 'logs');
  return { dir, file: join(dir, 'balcao.log') };
}

/** Every log file in the folder, oldest first (by the number pino-roll gives them). */
function logFiles(dir: string): string[] {
  const number = (name: string): number => Number(/\.(\d+)\.log$/.exec(name)?.[1]);
  return readdirSync(dir)
    .sort((a, b) => number(a) - number(b))
    .map((name) => join(dir, name));
}

const allText = (dir: string): string =>
  logFiles(dir)
    .map((file) => readFileSync(file, 'utf8'))
    .join('');

const lines = (dir: string): Record<string, unknown>[] =>
  allText(dir)
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe('logger', () => {
  it('writes JSON lines with registered secrets and header-shaped values redacted, all in the file once closed', async () => {
    const { dir, file } = logDir();
    const redactor = new Redactor();
    redactor.add('tok_4f9a8b7c6d', 'sek_0123456789');
    const log = createLogger({ file, redactor });
    log.info('sync started', { store: 'demo' });
    log.error('request failed', {
      error: new Error('bad header User-Token: tok_4f9a8b7c6d sent', {
        cause: new Error('socket said sek_0123456789'),
      }),
      detail: 'secret sek_0123456789',
    });
    log.warn('third party said', { text: 'headers {"User-Secret-Key":"unregistered-value-77"}' });
    log.debug('100% done, %s and %d stay as written');
    await log.close();

    expect(logFiles(dir).map((path) => path.slice(dir.length + 1))).toEqual(['balcao.1.log']);
    const written = lines(dir);
    expect(written.map((line) => line['level'])).toEqual(['info', 'error', 'warn', 'debug']);
    expect(written[0]).toMatchObject({ message: 'sync started', store: 'demo' });
    expect(Date.parse(String(written[0]['time']))).not.toBeNaN();
    expect(written[3]['message']).toBe('100% done, %s and %d stay as written');
    const text = allText(dir);
    expect(text).not.toContain('tok_4f9a8b7c6d');
    expect(text).not.toContain('sek_0123456789');
    expect(text).not.toContain('unregistered-value-77');
    expect(text).toContain('[redacted]');
    expect(written[1]['error']).toMatchObject({ name: 'Error', cause: { name: 'Error' } });
    expect((written[1]['error'] as { stack: string }).stack).toContain('logger.test.ts');
  });

  it('keeps registered secrets out of the file in every escaped and encoded form', async () => {
    const { dir, file } = logDir();
    const credentials = { token: 'tok"en\\/+&ção 😀-77', secret: 'se/cr+et&"ü\\-k3p0\n' };
    const redactor = new Redactor();
    redactor.add(credentials.token, credentials.secret);
    const log = createLogger({ file, redactor });
    for (const [kind, text] of Object.entries(echoes(credentials))) log.warn(`server echoed ${text}`, { kind, text });
    log.error('raw', { credentials });
    await log.close();
    const text = allText(dir);
    for (const form of [...escapedForms(credentials.token), ...escapedForms(credentials.secret)])
      expect(text, form).not.toContain(form);
    expect(lines(dir)).toHaveLength(Object.keys(echoes(credentials)).length + 1);
  });

  it('starts a new file past the size limit, keeps the newest few, and continues the newest after a restart', async () => {
    const { dir, file } = logDir();
    const first = createLogger({ file, maxBytes: 2_000, maxFiles: 3 });
    // The file rolls once the stream has written what it holds, so each batch waits for its last line to land.
    for (let batch = 0; batch < 6; batch += 1) {
      for (let i = 0; i < 40; i += 1) first.info('line', { batch, i, padding: 'x'.repeat(20) });
      await vi.waitFor(() => expect(allText(dir)).toContain(`"batch":${batch},"i":39,`));
    }
    await first.close();
    // pino-roll deletes the old files after each roll without being awaited (a directory read, a stat per file, an
    // unlink each): with the machine busy that has taken over the default second.
    await vi.waitFor(() => expect(logFiles(dir)).toHaveLength(3), { timeout: 10_000 });
    const kept = lines(dir);
    expect(kept.at(-1)).toMatchObject({ batch: 5, i: 39 });
    expect(kept.some((line) => line['batch'] === 0)).toBe(false);
    // In number order the files are in time order: what is kept is the tail, with no line lost or repeated inside it.
    const order = kept.map((line) => Number(line['batch']) * 40 + Number(line['i']));
    expect(order).toEqual(Array.from({ length: order.length }, (_, k) => order[0] + k));

    const files = logFiles(dir);
    const second = createLogger({ file, maxBytes: 2_000, maxFiles: 3 });
    second.info('after restart');
    await second.close();
    expect(logFiles(dir)).toEqual(files);
    expect(readFileSync(files.at(-1)!, 'utf8')).toMatch(/"message":"after restart"}\n$/);
  });

  it('deletes the files of the logger before pino-roll (`balcao.log` and `balcao.log.1`), and nothing else', async () => {
    const { dir, file } = logDir();
    mkdirSync(dir, { recursive: true });
    for (const name of ['balcao.log', 'balcao.log.1', 'notes.txt']) writeFileSync(join(dir, name), 'old\n');
    const logger = createLogger({ file });
    logger.info('new');
    await logger.close();
    expect(readdirSync(dir).sort()).toEqual(['balcao.1.log', 'notes.txt']);
  });

  it('writes buffered lines out when the process exits without closing the logger', () => {
    const { dir, file } = logDir();
    const script = `
      import { createLogger } from './src/main/core/log/logger.ts';
      const log = createLogger({ file: ${JSON.stringify(file)} });
      for (let i = 0; i < 1000; i += 1) log.info('before exit', { i });
      setImmediate(() => {
        for (let i = 1000; i < 2000; i += 1) log.info('before exit', { i });
        process.exit(3);
      });
      log.info('right away');
    `;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
    });
    expect(child.status, child.stderr).toBe(3);
    const written = lines(dir);
    expect(written).toHaveLength(2001);
    expect(written.filter((line) => line['message'] === 'before exit').map((line) => line['i'])).toEqual(
      Array.from({ length: 2000 }, (_, i) => i),
    );
  });

  it('redacts text with long runs of backslashes without backtracking through them (it used to hang)', () => {
    const redactor = new Redactor();
    redactor.add('abc\\\\\\def', 'tok"en\\/+&-zq81');
    for (const run of ['\\', '%5C']) {
      const text = `abc${run.repeat(50_000)}x tok"en`;
      expect(redactor.redact(text)).toBe(text);
    }
    expect(redactor.redact(`x abc${'\\'.repeat(7)}def y`)).toBe('x [redacted] y');
  });

  it('leaves the caller running when the log folder cannot be made', async () => {
    const notAFolder = join(mkdtempSync(join(tmpdir(), 'balcao-log-')), 'file');
    writeFileSync(notAFolder, '');
    const log = createLogger({ file: join(notAFolder, 'logs', 'balcao.log') });
    log.error('nowhere to go');
    await expect(log.close()).resolves.toBeUndefined();
  });

  it('stops redacting a value once it is forgotten, and ignores values too short to be secrets', () => {
    const redactor = new Redactor();
    redactor.add('abc', 'long-enough-secret');
    expect(redactor.redact('abc long-enough-secret')).toBe('abc [redacted]');
    redactor.forget('long-enough-secret');
    expect(redactor.redact('long-enough-secret')).toBe('long-enough-secret');
  });

  it('redacts every escaped and encoded form of a registered secret, even one echoed with others', () => {
    const credentials = { token: 'tok"en\\/+&ção 😀-77', secret: 'se/cr+et&"ü\\-k3p0\n' };
    const redactor = new Redactor();
    redactor.add(credentials.token, credentials.secret);
    const forms = [...escapedForms(credentials.token), ...escapedForms(credentials.secret)];
    for (const [kind, text] of [...Object.entries(echoes(credentials)), ...forms.map((form) => ['form', form])]) {
      const clean = redactor.redact(`before ${text} after`);
      expect(clean, kind).toContain('[redacted]');
      expect(clean, kind).toMatch(/^before .*after$/s);
      for (const form of forms) expect(clean, `${kind}: ${form}`).not.toContain(form);
    }
    // Only the secret goes: the text around it, and text that merely shares a few characters, stay.
    expect(redactor.redact('status "ok" / 100%2F ção')).toBe('status "ok" / 100%2F ção');
  });
});
