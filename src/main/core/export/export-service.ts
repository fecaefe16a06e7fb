import { basename } from 'node:path';
import type { ExportOutcome, SenderData } from '../../../shared/domain/export';
import type { ErrorInfo } from '../../../shared/errors';
import { documentText, type DocumentKey } from '../../../shared/i18n/documents';
import type { Locale } from '../../../shared/i18n/messages';
import { AppError } from '../base/app-error';
import { getSender, getStore, setSender, type Db, type StoreRecord } from '../db';
import type { EventBus } from '../events/event-bus';
import type { OrdersService } from '../orders/orders-service';
import { cacheSource } from './cache-source';
import { exportCsv, type CsvSeparator, type CsvShape } from './csv-export';
import { blankSender, exportPdf, type PdfKind, type PdfRequest } from './pdf-export';
import type { PdfPrinter } from './printer';
import type { Selection } from './source';

/** What the shell is asked before an export writes anything. */
export interface TargetRequest {
  /** A folder for one file per order, else one file. */
  folder: boolean;
  /** A file name to offer, in the export's language (`pedido-1043.pdf`). */
  suggestedName: string;
  extension: 'pdf' | 'csv';
  locale: Locale;
}

/**
 * The part of an export only a shell can do: ask where to save (the app: the system dialogs; the preview: a
 * temporary folder it serves as a download; the CLI: its --out), hand the written files over, open them, and print.
 */
export interface ExportShell {
  /** The path to write to, or null when the person closed the dialog. */
  chooseTarget(request: TargetRequest): Promise<string | null>;
  /** Called once the files are written: what the renderer may do with them. */
  delivered(files: readonly string[]): { download: string | null; canOpen: boolean };
  /** Opens a written file with the system, or shows it in its folder; shells that cannot refuse. */
  open(path: string, reveal: boolean): Promise<void>;
  /** The printer, made on the first PDF and kept for the next ones. */
  printer(): PdfPrinter;
  /** Releases the printer (and anything else the shell holds) when the core closes. */
  close(): Promise<void>;
}

/** A printer made on first use and kept: starting a browser costs more than a document. */
export function keptPrinter(make: () => PdfPrinter): { printer(): PdfPrinter; close(): Promise<void> } {
  let made: PdfPrinter | null = null;
  return {
    printer: () => (made ??= make()),
    close: async () => {
      await made?.dispose();
      made = null;
    },
  };
}

/** A shell with no way to choose a target: every export is refused (a core opened for something else). */
export const NO_EXPORT_SHELL: ExportShell = {
  chooseTarget: () => Promise.reject(new AppError('PATH_UNWRITABLE', 'This shell cannot choose where to save.')),
  delivered: () => ({ download: null, canOpen: false }),
  open: () => Promise.reject(new AppError('NOT_FOUND', 'Nothing to open here.')),
  printer: () => {
    throw new AppError('CHROMIUM_MISSING', 'This shell has no printer.');
  },
  close: async () => undefined,
};

export interface PdfCall {
  storeId: string;
  jobId: string;
  kind: PdfKind;
  selection?: Selection | undefined;
  customerId?: number | undefined;
  locale: Locale;
  perOrderFiles?: boolean | undefined;
}

export interface CsvCall {
  storeId: string;
  jobId: string;
  shape: CsvShape;
  separator?: CsvSeparator | undefined;
  selection: Selection;
  locale: Locale;
}

export interface ExportServiceDeps {
  db: Db;
  orders: OrdersService;
  events: EventBus;
  shell: ExportShell;
}

const PER_ORDER = new Set<PdfKind>(['order', 'packing-slip', 'declaration']);

/**
 * Export as the contract offers it: reads through the same service as the screens, asks the shell where to write,
 * announces progress and the end on the event bus under the caller's job id, and remembers what each finished job
 * wrote so `export.open` can open it without the renderer ever naming a path.
 */
export class ExportService {
  readonly #running = new Map<string, AbortController>();
  /** Files of finished jobs, for `export.open`; a window's session is short, so this stays small. */
  readonly #written = new Map<string, string[]>();

  constructor(private readonly deps: ExportServiceDeps) {}

  async pdf(call: PdfCall): Promise<ExportOutcome> {
    const source = await this.#source(call.storeId);
    const perOrder = PER_ORDER.has(call.kind);
    if (call.kind === 'customer' ? call.customerId === undefined : call.selection === undefined)
      throw new AppError('INVALID_INPUT', 'A customer statement takes customerId; every other kind a selection.', {
        params: { reason: 'field', field: call.kind === 'customer' ? 'customerId' : 'selection' },
      });
    if (call.perOrderFiles && !perOrder)
      throw new AppError('INVALID_INPUT', `A ${call.kind} is one document.`, {
        params: { reason: 'field', field: 'perOrderFiles' },
      });
    if (call.selection) this.#refuseEmpty(call.storeId, call.selection);
    const folder = perOrder && call.perOrderFiles === true;
    const name = await this.#suggestedName(call, source);
    const sender = call.kind === 'declaration' ? this.sender(call.storeId) : undefined;
    return this.#run(
      call.jobId,
      { folder, suggestedName: name, extension: 'pdf', locale: call.locale },
      (target, job) => {
        const base = { locale: call.locale, target: folder ? { folder: target } : { file: target }, ...job };
        const request: PdfRequest =
          call.kind === 'customer'
            ? { ...base, kind: 'customer', customerId: call.customerId! }
            : call.kind === 'picking' || call.kind === 'report'
              ? { ...base, kind: call.kind, selection: call.selection! }
              : { ...base, kind: call.kind, selection: call.selection!, ...(sender ? { sender } : {}) };
        return exportPdf(request, { source, printer: this.deps.shell.printer() }).then((r) => ({
          files: r.files,
          orders: r.orders,
          pages: r.pages,
        }));
      },
    );
  }

  async csv(call: CsvCall): Promise<ExportOutcome> {
    const source = await this.#source(call.storeId);
    this.#refuseEmpty(call.storeId, call.selection);
    const suggestedName = `${documentText(call.locale, `file.csv.${call.shape}`)}.csv`;
    return this.#run(call.jobId, { folder: false, suggestedName, extension: 'csv', locale: call.locale }, (file, job) =>
      exportCsv(
        {
          selection: call.selection,
          shape: call.shape,
          locale: call.locale,
          file,
          ...(call.separator ? { separator: call.separator } : {}),
          ...job,
        },
        source,
      ).then((r) => ({ files: [r.file], orders: r.rows, pages: 0 })),
    );
  }

  cancel(jobId: string): void {
    this.#running.get(jobId)?.abort();
  }

  async open(jobId: string, reveal: boolean): Promise<void> {
    const files = this.#written.get(jobId);
    if (!files?.length)
      throw new AppError('NOT_FOUND', 'No finished export with this id.', { params: { reason: 'export' } });
    await this.deps.shell.open(files[0], reveal);
  }

  /** The saved sender, or one pre-filled with the store's name for the merchant to complete. */
  sender(storeId: string): SenderData {
    const saved = getSender(this.deps.db, storeId);
    return saved ?? blankSender(this.#storeName(storeId));
  }

  setSender(storeId: string, sender: SenderData): SenderData {
    this.#storeName(storeId);
    const blankIsNull = (value: string | null) => (value === null || value.trim() === '' ? null : value.trim());
    return setSender(this.deps.db, storeId, {
      name: sender.name.trim(),
      taxId: blankIsNull(sender.taxId),
      street: blankIsNull(sender.street),
      number: blankIsNull(sender.number),
      complement: blankIsNull(sender.complement),
      neighborhood: blankIsNull(sender.neighborhood),
      city: blankIsNull(sender.city),
      uf: blankIsNull(sender.uf)?.toUpperCase() ?? null,
      zipcode: blankIsNull(sender.zipcode),
    });
  }

  /** An empty filter is said before the save dialog opens: there is nothing to save. */
  #refuseEmpty(storeId: string, selection: Selection): void {
    if (
      'query' in selection &&
      this.deps.orders.listOrders(storeId, { ...selection.query, limit: 1 }).rows.length === 0
    )
      throw new AppError('EXPORT_EMPTY', 'No order to export: the filter is empty.');
  }

  #store(storeId: string): StoreRecord {
    const record = getStore(this.deps.db, storeId);
    if (!record) throw new AppError('NOT_FOUND', 'no such store', { params: { reason: 'store' } });
    return record;
  }

  #storeName(storeId: string): string {
    return this.#store(storeId).name;
  }

  async #source(storeId: string) {
    const { name, timeZone } = this.#store(storeId);
    return cacheSource(this.deps.orders, storeId, async () => ({ name, timeZone }));
  }

  async #suggestedName(call: PdfCall, source: ReturnType<typeof cacheSource>): Promise<string> {
    const word = (key: DocumentKey, params: Record<string, string | number> = {}) =>
      documentText(call.locale, key, params);
    if (call.kind === 'customer') return `${word('file.customer', { number: call.customerId! })}.pdf`;
    if (call.kind === 'picking' || call.kind === 'report') return `${word(`file.${call.kind}`)}.pdf`;
    const selection = call.selection!;
    if ('ids' in selection && selection.ids.length === 1 && !call.perOrderFiles) {
      const [detail] = await source.orders(selection.ids);
      const number = detail?.order.number ?? selection.ids[0];
      return `${word(`file.${call.kind}`, { number })}.pdf`;
    }
    return call.perOrderFiles ? word(`file.batch.${call.kind}`) : `${word(`file.batch.${call.kind}`)}.pdf`;
  }

  async #run(
    jobId: string,
    target: TargetRequest,
    write: (
      path: string,
      job: { signal: AbortSignal; onProgress: (p: { done: number; total: number; etaMs: number | null }) => void },
    ) => Promise<{ files: string[]; orders: number; pages: number }>,
  ): Promise<ExportOutcome> {
    if (this.#running.has(jobId))
      throw new AppError('CONFLICT', 'An export with this id is running.', { params: { reason: 'export' } });
    const controller = new AbortController();
    this.#running.set(jobId, controller);
    const { events } = this.deps;
    try {
      const path = await this.deps.shell.chooseTarget(target);
      if (path === null) {
        const outcome: ExportOutcome = { jobId, status: 'dismissed' };
        events.emit('export.finished', { jobId, ok: true, outcome });
        return outcome;
      }
      const result = await write(path, {
        signal: controller.signal,
        onProgress: (p) => events.emit('export.progress', { jobId, ...p }),
      });
      this.#written.set(jobId, result.files);
      const outcome: ExportOutcome = {
        jobId,
        status: 'done',
        name: basename(path),
        files: result.files.length,
        orders: result.orders,
        pages: result.pages,
        ...this.deps.shell.delivered(result.files),
      };
      events.emit('export.finished', { jobId, ok: true, outcome });
      return outcome;
    } catch (error) {
      const info: ErrorInfo =
        error instanceof AppError ? error.toInfo() : { code: 'INTERNAL', params: { reason: 'log' } };
      events.emit('export.finished', { jobId, ok: false, error: info });
      throw error;
    } finally {
      this.#running.delete(jobId);
    }
  }
}
