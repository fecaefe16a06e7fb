import { stringify } from 'csv-stringify/sync';
import type { OrderSummary } from '../../../shared/domain/order';
import type { ZonedTime } from '../../../shared/domain/time';
import { documentText, type DocumentKey } from '../../../shared/i18n/documents';
import type { Locale } from '../../../shared/i18n/messages';
import { AppError } from '../base/app-error';
import { lineTotal, paymentName, type DocumentContext } from './doc-format';
import { writeFileAtomic } from './output';
import {
  loadOrderLines,
  parts,
  progressTracker,
  selectedIds,
  selectedSummaries,
  throwIfCancelled,
  turn,
  type ExportProgress,
} from './selection';
import type { ExportSource, Selection } from './source';

/** One row per order, or one row per item. */
export type CsvShape = 'orders' | 'items';
/** `;` with decimal comma (what Excel in pt-BR opens directly), or `,` with decimal point. */
export type CsvSeparator = ';' | ',';

export interface CsvRequest {
  selection: Selection;
  shape: CsvShape;
  separator?: CsvSeparator;
  /** Language of the header row and of yes/no. */
  locale: Locale;
  file: string;
  signal?: AbortSignal;
  onProgress?: (progress: ExportProgress) => void;
}

export interface CsvResult {
  file: string;
  rows: number;
}

const ORDER_COLUMNS: DocumentKey[] = [
  'csv.number',
  'csv.date',
  'csv.status',
  'csv.customer',
  'csv.email',
  'csv.payment',
  'csv.installments',
  'csv.total',
  'csv.delivered',
  'csv.tracking',
  'csv.reviewed',
  'csv.flagged',
];
const ITEM_COLUMNS: DocumentKey[] = [
  'csv.number',
  'csv.date',
  'csv.sku',
  'csv.product',
  'csv.quantity',
  'csv.unitPrice',
  'csv.lineTotal',
];
const LOAD_PART = 500;
/**
 * Records turned into text and written at a time, with a turn of the event loop after each: 500 at once held
 * the main loop for up to 102 ms (items, 10,000 orders).
 */
const RECORDS_PER_CHUNK = 100;
/** Full orders read at once for the items shape (each is a row read and its JSON parsed). */
const ITEM_ORDERS_PER_PART = 100;

/** Cents as plain decimal text with no thousands separator: `1234,56` or `1234.56`. */
export function csvAmount(cents: number | null, separator: CsvSeparator): string {
  if (cents === null) return '';
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.trunc(abs / 100)}${separator === ';' ? ',' : '.'}${String(abs % 100).padStart(2, '0')}`;
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** dd/mm/aaaa HH:MM in the store's zone, whatever the language. */
export function csvDate(at: ZonedTime | null, timeZone: string): string {
  if (!at) return '';
  let format = dateFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    dateFormats.set(timeZone, format);
  }
  const p = Object.fromEntries(format.formatToParts(new Date(at.utc)).map((part) => [part.type, part.value]));
  return `${p['day']}/${p['month']}/${p['year']} ${p['hour']}:${p['minute']}`;
}

/**
 * Writes the selection as CSV for Excel: UTF-8 with a BOM, CRLF, every field quoted
 * as needed, and any field that starts like a formula (`=`, `+`, `-`, `@`, tab, CR)
 * prefixed with `'` so a spreadsheet shows it as text.
 */
export async function exportCsv(request: CsvRequest, source: ExportSource): Promise<CsvResult> {
  const separator = request.separator ?? ';';
  const store = await source.store();
  const ctx: DocumentContext = { locale: request.locale, store, generatedAt: new Date() };
  const word = (key: DocumentKey) => documentText(request.locale, key);
  const yesNo = (value: boolean | null) => (value === null ? '' : word(value ? 'common.yes' : 'common.no'));
  const amount = (cents: number | null) => csvAmount(cents, separator);
  const date = (at: ZonedTime | null) => csvDate(at, store.timeZone);
  const { signal } = request;
  let rows = 0;

  async function* orderRecords(): AsyncGenerator<string[]> {
    const summaries: OrderSummary[] = [];
    for await (const page of selectedSummaries(source, request.selection, LOAD_PART, signal)) summaries.push(...page);
    if (summaries.length === 0)
      throw new AppError('EXPORT_EMPTY', 'No order to export: the selection or filter is empty.');
    const advance = progressTracker(summaries.length, request.onProgress);
    yield ORDER_COLUMNS.map(word);
    for (const o of summaries) {
      if (rows % LOAD_PART === 0) {
        throwIfCancelled(signal);
        if (rows > 0) advance(LOAD_PART);
      }
      rows += 1;
      yield [
        String(o.number ?? o.id),
        date(o.createdAt),
        o.status?.name ?? '',
        o.customerName ?? '',
        o.customerEmail ?? '',
        paymentName(ctx, o.paymentAlias),
        o.installments === null ? '' : String(o.installments),
        amount(o.totalCents),
        yesNo(o.delivered),
        o.trackingCode ?? '',
        yesNo(o.reviewed),
        yesNo(o.flagged),
      ];
    }
    advance(rows - Math.floor((rows - 1) / LOAD_PART) * LOAD_PART);
  }

  async function* itemRecords(): AsyncGenerator<string[]> {
    const ids = await selectedIds(source, request.selection, signal);
    const advance = progressTracker(ids.length, request.onProgress);
    yield ITEM_COLUMNS.map(word);
    for (const part of parts(ids, ITEM_ORDERS_PER_PART)) {
      throwIfCancelled(signal);
      for (const { order } of await loadOrderLines(source, part)) {
        for (const item of order.items) {
          rows += 1;
          yield [
            String(order.number ?? order.id),
            date(order.createdAt),
            item.sku ?? '',
            item.name ?? '',
            String(item.quantity),
            amount(item.unitPriceCents),
            amount(lineTotal(item.quantity, item.unitPriceCents)),
          ];
        }
      }
      advance(part.length);
    }
  }

  const options = { delimiter: separator, record_delimiter: 'windows', escape_formulas: true } as const;
  // Records are turned into text a batch at a time; a failure while reading (empty selection, missing
  // order, cancel) ends the generator, and the atomic write then drops its temporary file.
  async function* text(): AsyncGenerator<Uint8Array> {
    let batch: string[][] = [];
    let first = true;
    const flush = () => {
      const chunk = stringify(batch, { ...options, bom: first });
      first = false;
      batch = [];
      return Buffer.from(chunk, 'utf8');
    };
    for await (const record of request.shape === 'items' ? itemRecords() : orderRecords()) {
      batch.push(record);
      if (batch.length === RECORDS_PER_CHUNK) {
        yield flush();
        await turn();
      }
    }
    if (batch.length > 0) yield flush();
  }
  await writeFileAtomic(request.file, text());
  return { file: request.file, rows };
}
