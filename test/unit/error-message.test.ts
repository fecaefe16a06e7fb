import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../src/shared/errors';
import { errorMessage } from '../../src/shared/i18n/error-message';
import { LOCALES } from '../../src/shared/i18n/messages';
import { decodeLastError, encodeLastError } from '../../src/main/core/stores/last-error';

describe('errorMessage: a code and params into words', () => {
  it('has words for every code in every language, without a placeholder left', () => {
    for (const locale of LOCALES)
      for (const code of ERROR_CODES) expect(errorMessage(locale, { code })).toMatch(/^[^{}]+$/);
  });

  it('picks the reason’s message with its params, in the language asked for', () => {
    const tooNew = { code: 'DATABASE_TOO_NEW', params: { reason: 'schema', found: 9, known: 4 } } as const;
    expect(errorMessage('en', tooNew)).toBe(
      'Update Balcão to open it: the data file has schema 9 and this version knows up to 4. The file was not changed.',
    );
    expect(errorMessage('pt-BR', tooNew)).toContain('esquema 9');
    const keychain = { code: 'KEYCHAIN_UNAVAILABLE', params: { reason: 'darwin' } } as const;
    expect(errorMessage('en', keychain)).toMatch(/Unlock the Keychain/);
    expect(errorMessage('pt-BR', keychain)).toMatch(/Desbloqueie o Keychain/);
  });

  it('falls back to the code’s general message for an unknown reason or a missing param', () => {
    expect(errorMessage('en', { code: 'CONFLICT', params: { reason: 'nope' } })).toBe('That store was already added.');
    expect(errorMessage('en', { code: 'CONFLICT', params: { reason: 'alias' } })).toBe('That store was already added.');
    expect(errorMessage('en', { code: 'NOT_FOUND', params: { reason: 'order', id: '{x}' } })).toBe(
      "Order {x} is not in this store's cache.",
    );
  });
});

describe('stores.last_error', () => {
  it('keeps a failure as its code and params', () => {
    const info = { code: 'SERVER', params: { reason: 'status', status: 503 } } as const;
    expect(decodeLastError(encodeLastError(info))).toEqual(info);
    expect(decodeLastError(encodeLastError({ code: 'OFFLINE' }))).toEqual({ code: 'OFFLINE' });
    expect(decodeLastError(null)).toBeNull();
  });

  it('reads a sentence an older version wrote as "the last attempt failed", in the person’s language', () => {
    const old = decodeLastError('Token ou chave secreta inválidos.');
    expect(old).toEqual({ code: 'INTERNAL', params: { reason: 'unrecorded' } });
    expect(errorMessage('en', old!)).toBe('The last attempt failed.');
  });
});
