import { describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../../src/main/core/log/logger';
import { Redactor } from '../../src/main/core/log/redactor';

describe('logger', () => {
  it('writes JSON lines with registered secrets and header-shaped values redacted', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'balcao-log-')), 'logs', 'balcao.log');
    const redactor = new Redactor();
    redactor.add('tok_4f9a8b7c6d', 'sek_0123456789');
    const log = createLogger({ file, redactor });
    log.info('sync started', { store: 'demo' });
    log.error('request failed', {
      error: new Error('bad header User-Token: tok_4f9a8b7c6d sent'),
      detail: 'secret sek_0123456789',
    });
    log.warn('third party said', { text: 'headers {"User-Secret-Key":"unregistered-value-77"}' });

    const lines = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.map((line) => line['level'])).toEqual(['info', 'error', 'warn']);
    expect(lines[0]).toMatchObject({ message: 'sync started', store: 'demo' });
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain('tok_4f9a8b7c6d');
    expect(text).not.toContain('sek_0123456789');
    expect(text).not.toContain('unregistered-value-77');
    expect(text).toContain('[redacted]');
    expect(lines[1]['error']).toMatchObject({ name: 'Error' });
  });

  it('stops redacting a value once it is forgotten, and ignores values too short to be secrets', () => {
    const redactor = new Redactor();
    redactor.add('abc', 'long-enough-secret');
    expect(redactor.redact('abc long-enough-secret')).toBe('abc [redacted]');
    redactor.forget('long-enough-secret');
    expect(redactor.redact('long-enough-secret')).toBe('long-enough-secret');
  });
});

describe('log rotation', () => {
  it('rotates by size and keeps a few files, dropping the oldest', () => {
    const dir = mkdtempSync(join(tmpdir(), 'balcao-log-'));
    const file = join(dir, 'balcao.log');
    const log = createLogger({ file, maxBytes: 200, keepFiles: 2 });
    for (let i = 0; i < 40; i++) log.info(`line ${i}`, { padding: 'x'.repeat(40) });
    expect(readdirSync(dir).sort()).toEqual(['balcao.log', 'balcao.log.1', 'balcao.log.2']);
    const newest = readFileSync(file, 'utf8');
    expect(newest).toContain('line 39');
    expect(readFileSync(`${file}.2`, 'utf8')).not.toContain('line 0"');
    for (const name of readdirSync(dir)) expect(statSync(join(dir, name)).size).toBeLessThan(200 + 200);
  });
});
