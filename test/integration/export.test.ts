import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { startFakeStore, type FakeStore } from '../../src/main/core/fake-store';
import { dispatchTyped } from '../../src/main/core/ipc/dispatcher';
import { ChromiumPrinter } from '../../src/main/core/export/chromium-printer';
import { keptPrinter, type ExportShell, type TargetRequest } from '../../src/main/core/export/export-service';
import { OrdersService } from '../../src/main/core/orders/orders-service';
import type { SyncOutcome } from '../../src/shared/domain/app';
import type { CallInput } from '../../src/shared/ipc/contract';
import type { ExportFinished, ExportProgressEvent } from '../../src/shared/domain/export';
import { createTestCore, type TestCore } from '../helpers/core';
import { chromiumAvailable } from '../helpers/chromium';
import { pdfText } from '../export/pdf-tools';

const inTestKeyring = process.env['BALCAO_TEST_KEYRING'] === '1';

/** A shell that answers the save dialog with the next path a test sets, and records what it was asked. */
class StandInShell implements ExportShell {
  next: string | null = null;
  asked: TargetRequest[] = [];
  opened: { path: string; reveal: boolean }[] = [];
  printerPath: string | undefined = undefined;
  #printer = keptPrinter(() => new ChromiumPrinter(this.printerPath ? { executablePath: this.printerPath } : {}));
  chooseTarget = async (request: TargetRequest) => {
    this.asked.push(request);
    return this.next;
  };
  delivered = () => ({ download: null, canOpen: true });
  open = async (path: string, reveal: boolean) => void this.opened.push({ path, reveal });
  printer = () => this.#printer.printer();
  close = () => this.#printer.close();
}

/** Files in a folder, the hidden temporary ones included. */
const filesIn = (dir: string) => readdirSync(dir).sort();

describe.skipIf(!inTestKeyring || !chromiumAvailable)('export through the dispatcher (cache only, API stopped)', () => {
  let fake: FakeStore;
  let core: TestCore;
  let shell: StandInShell;
  let storeId: string;
  let out: string;
  const progress: ExportProgressEvent[] = [];
  const finished: ExportFinished[] = [];

  beforeAll(async () => {
    fake = await startFakeStore({ seed: 11, orders: 120, customers: 30, alias: 'lojaexport' });
    shell = new StandInShell();
    core = createTestCore({ apiBaseUrl: fake.apiBaseUrl, exportShell: shell });
    core.events.subscribeAll((event, payload) => {
      if (event === 'export.progress') progress.push(payload as ExportProgressEvent);
      if (event === 'export.finished') finished.push(payload as ExportFinished);
    });
    const added = await dispatchTyped(core.dispatch, 'stores.add', {
      alias: 'lojaexport',
      token: fake.credentials.token,
      secret: fake.credentials.secret,
    });
    if (!added.ok) throw new Error(JSON.stringify(added.error));
    storeId = added.value.id;
    const synced = new Promise<SyncOutcome>((resolve) =>
      core.events.subscribeAll((event, payload) => event === 'sync.finished' && resolve(payload as SyncOutcome)),
    );
    await dispatchTyped(core.dispatch, 'sync.start', { storeId, mode: 'full' });
    expect((await synced).ok).toBe(true);
    // From here on the store's API is gone: everything below reads the cache.
    await fake.close();
    out = mkdtempSync(join(tmpdir(), 'balcao-export-it-'));
  }, 120_000);

  afterAll(async () => {
    await core?.dispose();
  });

  const exportPdf = (jobId: string, input: Omit<CallInput<'export.pdf'>, 'storeId' | 'jobId'>) =>
    dispatchTyped(core.dispatch, 'export.pdf', { storeId, jobId, ...input });

  async function firstOrders(count: number) {
    const page = await dispatchTyped(core.dispatch, 'orders.list', { storeId, query: { limit: count } });
    if (!page.ok) throw new Error('list failed');
    return page.value.rows;
  }

  it('prints an order from the cache to the path the shell chose, with progress and an end event', async () => {
    const [order] = await firstOrders(1);
    shell.next = join(out, 'chosen-name.pdf');
    const result = await exportPdf('job-order', {
      kind: 'order',
      selection: { ids: [order.id] },
      locale: 'pt-BR',
    });
    expect(result).toMatchObject({
      ok: true,
      value: { status: 'done', name: 'chosen-name.pdf', files: 1, orders: 1, pages: 1, canOpen: true },
    });
    expect(shell.asked.at(-1)).toEqual({
      folder: false,
      suggestedName: `pedido-${order.number}.pdf`,
      extension: 'pdf',
      locale: 'pt-BR',
    });
    expect(pdfText(shell.next)).toContain(`Pedido nº ${order.number}`);
    expect(progress.filter((p) => p.jobId === 'job-order').at(-1)).toMatchObject({ done: 1, total: 1 });
    expect(finished.find((f) => f.jobId === 'job-order')).toMatchObject({ ok: true });

    expect(await dispatchTyped(core.dispatch, 'export.open', { jobId: 'job-order', reveal: true })).toEqual({
      ok: true,
      value: null,
    });
    expect(shell.opened).toEqual([{ path: shell.next, reveal: true }]);
  });

  it('writes the filter as CSV, one row per item, that a parser reads back', async () => {
    shell.next = join(out, 'items.csv');
    const result = await dispatchTyped(core.dispatch, 'export.csv', {
      storeId,
      jobId: 'job-csv',
      shape: 'items',
      separator: ',',
      selection: { query: {} },
      locale: 'en',
    });
    expect(result.ok).toBe(true);
    const rows = parse(readFileSync(shell.next), { bom: true, columns: true }) as Record<string, string>[];
    const all = new OrdersService(core.db);
    let items = 0;
    for (const row of all.listOrders(storeId, { limit: 500 }).rows)
      items += all.order(storeId, row.id).order.items.length;
    expect(rows).toHaveLength(items);
    expect(Object.keys(rows[0])).toEqual(['Order', 'Date', 'SKU', 'Product', 'Quantity', 'Unit price', 'Line total']);
  });

  it('says which order is not in the cache, and leaves nothing at the path', async () => {
    const [order] = await firstOrders(1);
    const dir = mkdtempSync(join(out, 'missing-'));
    shell.next = join(dir, 'batch.pdf');
    const result = await exportPdf('job-missing', {
      kind: 'packing-slip',
      selection: { ids: [order.id, 987654321] },
      locale: 'pt-BR',
    });
    expect(result).toEqual({ ok: false, error: { code: 'NOT_FOUND', params: { reason: 'order', id: 987654321 } } });
    expect(filesIn(dir)).toEqual([]);
    expect(finished.find((f) => f.jobId === 'job-missing')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('refuses an empty filter before asking where to save', async () => {
    const asked = shell.asked.length;
    shell.next = join(out, 'empty.pdf');
    const result = await exportPdf('job-empty', {
      kind: 'report',
      selection: { query: { search: 'zzzz-no-such-order' } },
      locale: 'pt-BR',
    });
    expect(result).toEqual({ ok: false, error: { code: 'EXPORT_EMPTY' } });
    expect(existsSync(shell.next)).toBe(false);
    expect(shell.asked.length).toBe(asked);
  });

  it('stops a batch on cancel, leaving no file', async () => {
    const dir = mkdtempSync(join(out, 'cancel-'));
    shell.next = dir;
    const ids = (await firstOrders(30)).map((o) => o.id);
    const cancelOnFirstFile = core.events.subscribeAll((event, payload) => {
      const p = payload as ExportProgressEvent;
      if (event === 'export.progress' && p.jobId === 'job-cancel' && p.done >= 1)
        void dispatchTyped(core.dispatch, 'export.cancel', { jobId: 'job-cancel' });
    });
    const result = await exportPdf('job-cancel', {
      kind: 'order',
      selection: { ids },
      locale: 'pt-BR',
      perOrderFiles: true,
    });
    cancelOnFirstFile();
    expect(result).toEqual({ ok: false, error: { code: 'CANCELLED' } });
    expect(shell.asked.at(-1)).toMatchObject({ folder: true, suggestedName: 'pedidos' });
    expect(filesIn(dir)).toEqual([]);
  });

  it('says Chromium is missing, leaving no file', async () => {
    await shell.close();
    shell.printerPath = '/nonexistent/chromium';
    shell.next = join(out, 'nochromium.pdf');
    const [order] = await firstOrders(1);
    const result = await exportPdf('job-nochromium', {
      kind: 'order',
      selection: { ids: [order.id] },
      locale: 'pt-BR',
    });
    expect(result.ok || result.error.code).toBe('CHROMIUM_MISSING');
    expect(existsSync(shell.next)).toBe(false);
    await shell.close();
    shell.printerPath = undefined;
  });

  it('ends quietly when the person closes the save dialog', async () => {
    shell.next = null;
    const [order] = await firstOrders(1);
    const result = await exportPdf('job-dismissed', {
      kind: 'order',
      selection: { ids: [order.id] },
      locale: 'en',
    });
    expect(result).toEqual({ ok: true, value: { jobId: 'job-dismissed', status: 'dismissed' } });
    expect(shell.asked.at(-1)?.suggestedName).toBe(`order-${order.number}.pdf`);
  });

  it('refuses a folder for a document that is one file', async () => {
    const result = await exportPdf('job-folder', {
      kind: 'picking',
      selection: { query: {} },
      locale: 'pt-BR',
      perOrderFiles: true,
    });
    expect(result).toEqual({
      ok: false,
      error: { code: 'INVALID_INPUT', params: { reason: 'field', field: 'perOrderFiles' } },
    });
  });

  it('keeps the sender per store, pre-filled with the store name until saved', async () => {
    const before = await dispatchTyped(core.dispatch, 'export.getSender', { storeId });
    expect(before).toMatchObject({ ok: true, value: { name: 'lojaexport', taxId: null, city: null } });
    const sender = {
      name: ' Ateliê Aurora ',
      taxId: '12.345.678/0001-95',
      street: 'Rua da Bahia',
      number: '1148',
      complement: '',
      neighborhood: 'Centro',
      city: 'Belo Horizonte',
      uf: 'mg',
      zipcode: '30160-011',
    };
    const saved = await dispatchTyped(core.dispatch, 'export.setSender', { storeId, sender });
    expect(saved).toMatchObject({ ok: true, value: { name: 'Ateliê Aurora', complement: null, uf: 'MG' } });
    expect(await dispatchTyped(core.dispatch, 'export.getSender', { storeId })).toEqual(saved);
  });

  it('marks many orders in one call, and refuses more than the cap without writing', async () => {
    const ids = (await firstOrders(5)).map((o) => o.id);
    const marked = await dispatchTyped(core.dispatch, 'orders.setReviewMany', {
      storeId,
      selection: { ids: [...ids, 987654321] },
      flagged: true,
    });
    expect(marked).toEqual({ ok: true, value: { updated: 5 } });
    const flagged = await dispatchTyped(core.dispatch, 'orders.list', { storeId, query: { review: 'flagged' } });
    expect(flagged.ok && flagged.value.rows.map((r) => r.id).sort()).toEqual([...ids].sort());

    const orders = new OrdersService(core.db);
    expect(() => orders.setReviewMany(storeId, { query: {} }, { reviewed: true }, 10)).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT', params: { reason: 'tooMany', max: 10 } }),
    );
    const cleared = await dispatchTyped(core.dispatch, 'orders.setReviewMany', {
      storeId,
      selection: { query: { review: 'flagged' } },
      reviewed: false,
      flagged: false,
    });
    expect(cleared).toEqual({ ok: true, value: { updated: 5 } });
    const none = await dispatchTyped(core.dispatch, 'orders.list', { storeId, query: { review: 'reviewed' } });
    expect(none.ok && none.value.total).toBe(0);
  });
});
