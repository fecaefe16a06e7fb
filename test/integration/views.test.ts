import { afterEach, describe, expect, it } from 'vitest';
import { dispatchTyped } from '../../src/main/core/ipc/dispatcher';
import { errorMessage } from '../../src/shared/i18n/error-message';
import { callOk, createTestCore, type TestCore } from '../helpers/core';

let core: TestCore | null = null;
afterEach(async () => {
  await core?.dispose();
  core = null;
});

// The saved views' calls through the one door: the contract's schemas, the repo's refusals as codes, and a removed
// store taking its views with it.
describe('views.* through the dispatcher', () => {
  it('saves, lists and refuses in codes the person is told in words', async () => {
    core = createTestCore();
    const { dispatch } = core;
    const store = await callOk(dispatch, 'stores.addDemo', undefined);
    const storeId = store.id;

    expect(await dispatchTyped(dispatch, 'views.save', { storeId, name: '   ', filter: {}, datePreset: null })).toEqual(
      {
        ok: false,
        error: { code: 'INVALID_INPUT', params: { reason: 'field', field: 'name' } },
      },
    );
    // A view keeps the filter, never the page.
    const paged = await dispatch('views.save', { storeId, name: 'x', filter: { offset: 100 }, datePreset: null });
    expect(paged).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });

    const view = await callOk(dispatch, 'views.save', {
      storeId,
      name: '  Boletos grandes ',
      filter: { paymentMethods: ['billet'], minTotalCents: 50_000 },
      datePreset: null,
    });
    expect(view).toEqual({
      id: 1,
      name: 'Boletos grandes',
      filter: { paymentMethods: ['billet'], minTotalCents: 50_000 },
      datePreset: null,
      position: 0,
    });
    const taken = await dispatchTyped(dispatch, 'views.rename', { storeId, id: view.id, name: 'BOLETOS GRANDES' });
    expect(taken.ok).toBe(true);
    const again = await dispatchTyped(dispatch, 'views.save', {
      storeId,
      name: 'boletos grandes',
      filter: {},
      datePreset: 'today',
    });
    expect(again).toEqual({
      ok: false,
      error: { code: 'CONFLICT', params: { reason: 'viewName', name: 'boletos grandes' } },
    });
    if (again.ok) return;
    expect(errorMessage('pt-BR', again.error)).toBe('Já existe uma visualização chamada “boletos grandes”.');
    expect(errorMessage('en', again.error)).toBe('There is already a view called “boletos grandes”.');

    const gone = await dispatchTyped(dispatch, 'views.remove', { storeId, id: 99 });
    expect(gone).toEqual({ ok: false, error: { code: 'NOT_FOUND', params: { reason: 'view', id: 99 } } });
    if (!gone.ok) expect(errorMessage('pt-BR', gone.error)).toBe('Essa visualização não existe mais.');

    await callOk(dispatch, 'stores.remove', { id: storeId });
    expect(await dispatchTyped(dispatch, 'views.list', { storeId })).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', params: { reason: 'store' } },
    });
    expect(core.db.prepare('SELECT count(*) AS n FROM merchant.saved_views').get()).toEqual({ n: 0 });
  });
});
