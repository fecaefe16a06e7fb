import { describe, expect, it } from 'vitest';
import { createDispatcher, type Handlers } from '../../src/main/core/ipc/dispatcher';
import { AppError } from '../../src/main/core/base/app-error';
import { handlersWith } from '../helpers/handlers';
import { errorMessage } from '../../src/shared/i18n/error-message';

const appInfo = { name: 'Balcão', version: '1.2.3', platform: 'linux-x64', dataDir: '/tmp/x', shell: 'cli' as const };

function handlers(overrides: Partial<Handlers> = {}): Handlers {
  return handlersWith({ 'app.info': () => appInfo, 'stores.list': () => [], ...overrides });
}

describe('dispatcher', () => {
  it('answers a valid call with an ok envelope holding the handler result', async () => {
    const dispatch = createDispatcher(handlers());
    expect(await dispatch('app.info', undefined)).toEqual({ ok: true, value: appInfo });
    expect(await dispatch('app.info', {})).toEqual({ ok: true, value: appInfo });
  });

  it('rejects input that does not match the schema with INVALID_INPUT, before the handler runs', async () => {
    let ran = false;
    const dispatch = createDispatcher(handlers({ 'app.info': () => ((ran = true), appInfo) }));
    const envelope = await dispatch('app.info', { unexpected: 1 });
    expect(envelope.ok).toBe(false);
    if (!envelope.ok) expect(envelope.error.code).toBe('INVALID_INPUT');
    expect(await dispatch('app.info', 'a string')).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(ran).toBe(false);
  });

  it("names the field as a param, without the validation library's English, for the edge to put into words", async () => {
    const dispatch = createDispatcher(handlers());
    const envelope = await dispatch('stores.add', {
      alias: 'loja',
      token: 'tok-12345678',
      secret: 'sec-12345678',
      name: 'n'.repeat(121),
    });
    expect(envelope).toEqual({
      ok: false,
      error: { code: 'INVALID_INPUT', params: { reason: 'field', field: 'name' } },
    });
    if (envelope.ok) return;
    expect(errorMessage('pt-BR', envelope.error)).toBe('Dados inválidos: confira o campo “name”.');
    expect(errorMessage('en', envelope.error)).toBe('Invalid data: check the field “name”.');
  });

  it('refuses a channel outside the contract', async () => {
    const dispatch = createDispatcher(handlers());
    expect(await dispatch('fs.readFile', { path: '/etc/passwd' })).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_CHANNEL' },
    });
    expect(await dispatch('__proto__', undefined)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    expect(await dispatch('toString', undefined)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
  });

  it('passes an AppError through as its code and params, keeping its English detail out of the envelope', async () => {
    const dispatch = createDispatcher(
      handlers({
        'stores.list': () => {
          throw new AppError('CONFLICT', 'store already added', { params: { reason: 'alias', alias: 'loja' } });
        },
      }),
    );
    const envelope = await dispatch('stores.list', undefined);
    expect(envelope).toEqual({ ok: false, error: { code: 'CONFLICT', params: { reason: 'alias', alias: 'loja' } } });
    if (envelope.ok) return;
    expect(errorMessage('en', envelope.error)).toBe('The store “loja” was already added.');
    expect(errorMessage('pt-BR', envelope.error)).toBe('A loja “loja” já foi adicionada.');
  });

  it('hides the text of an unexpected error behind INTERNAL and reports it to the log hook', async () => {
    const seen: unknown[] = [];
    const dispatch = createDispatcher(
      handlers({
        'stores.list': () => {
          throw new Error('token=abc123 leaked in a third-party message');
        },
      }),
      { onUnexpectedError: (_channel, error) => seen.push(error) },
    );
    const envelope = await dispatch('stores.list', undefined);
    expect(envelope).toEqual({
      ok: false,
      error: { code: 'INTERNAL', params: { reason: 'log' } },
    });
    expect(JSON.stringify(envelope)).not.toContain('abc123');
    expect(seen).toHaveLength(1);
  });
});
