import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../../src/main/core/log/logger';
import { Redactor } from '../../src/main/core/log/redactor';
import { echoes, escapedForms } from '../helpers/secret-forms';

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
