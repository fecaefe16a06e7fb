import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { OrderDetail } from '../../../shared/domain/order';
import type { OrderQuery } from '../../../shared/domain/query';
import { documentText } from '../../../shared/i18n/documents';
import type { Locale } from '../../../shared/i18n/messages';
import { AppError } from '../base/app-error';
import { orderNumber, t, type DocumentContext } from './doc-format';
import { customerStatementBody, STATEMENT_CSS } from './documents/customer-statement';
import { DECLARATION_CSS, declarationBody } from './documents/declaration';
import { ORDER_CSS, orderBody } from './documents/order';
import { filterInWords, REPORT_CSS, reportBody, reportRow, ReportTotals } from './documents/orders-report';
import { PACKING_SLIP_CSS, packingSlipBody } from './documents/packing-slip';
import { PARTS_CSS } from './documents/parts';
import { PICKING_CSS, PickingList, pickingListBody } from './documents/picking-list';
import { html, type Html } from './html';
import { PdfMerger } from './merge';
import { ensureWritableFolder, writeFileAtomic } from './output';
import { documentHtml, type PageNumbering } from './page';
import type { PdfPrinter } from './printer';
import {
  loadOrderLines,
  loadOrders,
  parts,
  progressTracker,
  selectedIds,
  selectedSummaries,
  throwIfCancelled,
  turn,
  type ExportProgress,
} from './selection';
import type { ExportSource, Selection, SenderData } from './source';

export type PerOrderKind = 'order' | 'packing-slip' | 'declaration';
export type PdfKind = PerOrderKind | 'picking' | 'report' | 'customer';
export const PDF_KINDS: readonly PdfKind[] = ['order', 'packing-slip', 'declaration', 'picking', 'report', 'customer'];

export type PdfTarget = { file: string } | { folder: string };

export type PdfRequest = {
  locale: Locale;
  target: PdfTarget;
  signal?: AbortSignal;
  onProgress?: (progress: ExportProgress) => void;
} & (
  | { kind: PerOrderKind; selection: Selection; sender?: SenderData }
  | { kind: 'picking' | 'report'; selection: Selection }
  | { kind: 'customer'; customerId: number }
);

export interface PdfResult {
  /** Every file written, in order. */
  files: string[];
  orders: number;
  pages: number;
}

export interface PdfExportDeps {
  source: ExportSource;
  printer: PdfPrinter;
  now?: () => Date;
  /**
   * Orders printed per Chromium job in a one-file batch. A longer batch is printed in
   * parts and merged, so Chromium's memory stays bounded; the merged pages are then
   * stamped with "page X of Y".
   */
  ordersPerPart?: number;
  /** Rows of the orders report per Chromium job, for the same reason. */
  reportRowsPerPart?: number;
}

export const DEFAULT_ORDERS_PER_PART = 250;
/**
 * Measured: one Chromium job for a 10,000-row report peaked over 3 GB. In parts of 250 rows Chromium's peak stays
 * ~65 MB over its size at rest; parts of 1,000 rows added ~130 MB, and parts of 100 saved nothing more.
 */
export const DEFAULT_REPORT_ROWS_PER_PART = 250;
/** Orders loaded from the source at once for documents that stream (picking list, report). */
const LOAD_PART = 500;

interface KindSpec {
  title: (ctx: DocumentContext) => string;
  css: string;
  body: (ctx: DocumentContext, detail: OrderDetail, sender: SenderData) => Html;
}

const PER_ORDER: Record<PerOrderKind, KindSpec> = {
  order: { title: (ctx) => t(ctx, 'order.document'), css: ORDER_CSS, body: orderBody },
  'packing-slip': { title: (ctx) => t(ctx, 'slip.title'), css: PACKING_SLIP_CSS, body: packingSlipBody },
  declaration: { title: (ctx) => t(ctx, 'declaration.title'), css: DECLARATION_CSS, body: declarationBody },
};

/** Orders rendered between two turns of the event loop while a part's HTML is built. */
const ORDERS_PER_TURN = 10;

async function perOrderHtml(
  kind: PerOrderKind,
  ctx: DocumentContext,
  details: readonly OrderDetail[],
  sender: SenderData,
  numbering: PageNumbering,
): Promise<string> {
  const spec = PER_ORDER[kind];
  const title =
    details.length === 1 && kind !== 'declaration'
      ? `${spec.title(ctx)} ${orderNumber(details[0].order)}`
      : spec.title(ctx);
  const bodies: Html[] = [];
  for (const [index, detail] of details.entries()) {
    bodies.push(spec.body(ctx, detail, sender));
    if (index % ORDERS_PER_TURN === ORDERS_PER_TURN - 1) await turn();
  }
  return documentHtml({ title, ctx, numbering, css: PARTS_CSS + spec.css, body: html`${bodies}` });
}

/**
 * Prints a document made of `count` parts. One part is printed whole, numbered by Chromium;
 * several are printed one at a time, merged, and their pages stamped "page X of Y".
 */
async function printParts(
  ctx: DocumentContext,
  count: number,
  render: (index: number, numbering: PageNumbering) => Promise<string>,
  printer: PdfPrinter,
  signal: AbortSignal | undefined,
  printed: (index: number) => void,
): Promise<{ bytes: Uint8Array; pages: number }> {
  if (count === 1) {
    const bytes = await printer.print(await render(0, 'counters'));
    throwIfCancelled(signal);
    printed(0);
    return { bytes, pages: countPages(bytes) };
  }
  const merger = new PdfMerger();
  for (let index = 0; index < count; index++) {
    throwIfCancelled(signal);
    await merger.add(await printer.print(await render(index, 'stamped')));
    printed(index);
  }
  throwIfCancelled(signal);
  const label = (page: number, pages: number) => t(ctx, 'page.number', { page, pages });
  return { bytes: await merger.bytes(label), pages: merger.pages };
}

/** The declaration's sender when the store has none saved yet: its name, the rest left to fill by hand. */
export function blankSender(name: string): SenderData {
  return {
    name,
    taxId: null,
    street: null,
    number: null,
    complement: null,
    neighborhood: null,
    city: null,
    uf: null,
    zipcode: null,
  };
}

/**
 * Prints one of the six documents for a selection (or a customer) to one PDF, or
 * one PDF per order into a folder. Nothing is left at a target unless it was
 * written whole; a cancelled or failed folder export removes the files it wrote.
 */
export async function exportPdf(request: PdfRequest, deps: PdfExportDeps): Promise<PdfResult> {
  const store = await deps.source.store();
  const ctx: DocumentContext = { locale: request.locale, store, generatedAt: (deps.now ?? (() => new Date()))() };
  throwIfCancelled(request.signal);
  if (request.kind === 'order' || request.kind === 'packing-slip' || request.kind === 'declaration')
    return perOrderExport(request.kind, request, ctx, deps, request.sender ?? blankSender(ctx.store.name));
  if (!('file' in request.target))
    throw new AppError('INVALID_INPUT', `A ${request.kind} is one document: give a file, not a folder.`);
  const file = request.target.file;
  const single = async (title: string, css: string, body: Html, orders: number): Promise<PdfResult> => {
    throwIfCancelled(request.signal);
    const pdf = await deps.printer.print(documentHtml({ title, ctx, css: PARTS_CSS + css, body }));
    throwIfCancelled(request.signal);
    await writeFileAtomic(file, [pdf]);
    return { files: [file], orders, pages: countPages(pdf) };
  };
  if (request.kind === 'customer') {
    const record = await deps.source.customer(request.customerId);
    if (!record)
      throw new AppError('NOT_FOUND', `Customer ${request.customerId} is not in the cache.`, {
        params: { reason: 'customer', id: request.customerId },
      });
    const rows = [];
    const query: OrderQuery = { customerId: request.customerId, sort: { key: 'date', direction: 'desc' } };
    for await (const page of deps.source.ordersMatching(query)) rows.push(...page);
    const advance = progressTracker(1, request.onProgress);
    const result = await single(
      t(ctx, 'statement.title'),
      STATEMENT_CSS,
      customerStatementBody(ctx, record, rows),
      rows.length,
    );
    advance(1);
    return result;
  }
  if (request.kind === 'picking') {
    const ids = await selectedIds(deps.source, request.selection, request.signal);
    const advance = progressTracker(ids.length + 1, request.onProgress);
    const list = new PickingList();
    for (const part of parts(ids, LOAD_PART)) {
      throwIfCancelled(request.signal);
      for (const { order } of await loadOrderLines(deps.source, part)) list.add(order);
      advance(part.length);
    }
    const result = await single(t(ctx, 'picking.title'), PICKING_CSS, pickingListBody(ctx, list), ids.length);
    advance(1);
    return result;
  }
  const totals = new ReportTotals();
  const rows: Html[] = [];
  for await (const page of selectedSummaries(deps.source, request.selection, LOAD_PART, request.signal)) {
    for (const row of page) {
      totals.add(ctx, row);
      rows.push(reportRow(ctx, row));
    }
  }
  if (totals.count === 0) throw new AppError('EXPORT_EMPTY', 'No order to export: the selection or filter is empty.');
  const filter = filterInWords(ctx, 'query' in request.selection ? request.selection.query : null, totals.count);
  const rowParts = parts(rows, deps.reportRowsPerPart ?? DEFAULT_REPORT_ROWS_PER_PART);
  const advance = progressTracker(totals.count, request.onProgress);
  const { bytes, pages } = await printParts(
    ctx,
    rowParts.length,
    async (index, numbering) =>
      documentHtml({
        title: t(ctx, 'report.title'),
        ctx,
        numbering,
        css: PARTS_CSS + REPORT_CSS,
        body: reportBody(ctx, filter, rowParts[index], totals, {
          first: index === 0,
          last: index === rowParts.length - 1,
        }),
      }),
    deps.printer,
    request.signal,
    (index) => advance(rowParts[index].length),
  );
  await writeFileAtomic(file, [bytes]);
  return { files: [file], orders: totals.count, pages };
}

async function perOrderExport(
  kind: PerOrderKind,
  request: PdfRequest & { selection: Selection },
  ctx: DocumentContext,
  deps: PdfExportDeps,
  sender: SenderData,
): Promise<PdfResult> {
  const { signal } = request;
  const ids = await selectedIds(deps.source, request.selection, signal);
  const advance = progressTracker(ids.length, request.onProgress);
  if ('folder' in request.target) {
    const folder = request.target.folder;
    await ensureWritableFolder(folder);
    const files: string[] = [];
    let pages = 0;
    try {
      for (const part of parts(ids, 50)) {
        throwIfCancelled(signal);
        for (const detail of await loadOrders(deps.source, part)) {
          throwIfCancelled(signal);
          const pdf = await deps.printer.print(await perOrderHtml(kind, ctx, [detail], sender, 'counters'));
          const name = `${documentText(ctx.locale, `file.${kind}`, { number: orderNumber(detail.order) })}.pdf`;
          const path = join(folder, name);
          await writeFileAtomic(path, [pdf]);
          files.push(path);
          pages += countPages(pdf);
          advance(1);
        }
      }
    } catch (error) {
      await Promise.all(files.map((path) => rm(path, { force: true })));
      throw error;
    }
    return { files, orders: ids.length, pages };
  }
  const file = request.target.file;
  const chunks = parts(ids, deps.ordersPerPart ?? DEFAULT_ORDERS_PER_PART);
  const { bytes, pages } = await printParts(
    ctx,
    chunks.length,
    async (index, numbering) =>
      perOrderHtml(kind, ctx, await loadOrders(deps.source, chunks[index]), sender, numbering),
    deps.printer,
    signal,
    (index) => advance(chunks[index].length),
  );
  await writeFileAtomic(file, [bytes]);
  return { files: [file], orders: ids.length, pages };
}

/**
 * Pages of a PDF Chromium wrote, from its page tree's /Count: the root /Pages
 * object is the one /Count not inside a /Kids subtree, and the largest.
 */
export function countPages(pdf: Uint8Array): number {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  let max = 0;
  for (const match of text.matchAll(
    /\/Type\s*\/Pages\b[^>]*?\/Count\s+(\d+)|\/Count\s+(\d+)[^>]*?\/Type\s*\/Pages\b/g,
  )) {
    max = Math.max(max, Number(match[1] ?? match[2]));
  }
  return max;
}
