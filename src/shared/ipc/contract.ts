import * as v from 'valibot';
import type {
  AppInfo,
  CacheHealth,
  CacheRepackProgress,
  Connectivity,
  StoreRemovalProgress,
  StoreSummary,
  SyncOutcome,
  SyncProgress,
  SyncSchedule,
} from '../domain/app';
import { SYNC_INTERVALS } from '../domain/app';
import { ORDER_LINK_KINDS, type OrderDetail, type OrderSummary, type ReviewState } from '../domain/order';
import type { CustomerDetail, CustomerSummary } from '../domain/customer';
import type { Page, StatusCount } from '../domain/query';
import type {
  ExportOutcome,
  ExportProgressEvent,
  ExportFinished,
  ReviewManyResult,
  SenderData,
} from '../domain/export';
import { PAINEL_PERIODS, type Painel } from '../domain/painel';
import { DATE_PRESETS, MAX_VIEW_NAME, MAX_VIEWS, type SavedView } from '../domain/saved-view';

/**
 * The one list of everything the renderer may ask of the main process, and every
 * event it may hear. Each call names a runtime schema for its input (checked by
 * every carrier before a handler runs) and, as a phantom type, its result.
 * Inputs and results are plain JSON so that ipcMain and the HTTP bridge carry
 * the same contract unchanged.
 */
export interface CallSpec<S extends v.GenericSchema, R> {
  readonly input: S;
  /** Phantom: never set at run time; carries the result type. */
  readonly result?: R;
}

function call<R>() {
  return <S extends v.GenericSchema>(input: S): CallSpec<S, R> => ({ input });
}

const noInput = v.optional(v.strictObject({}));
const storeId = v.pipe(v.string(), v.minLength(1), v.maxLength(64));
/**
 * Bounds that keep every valid input a valid SQLite value: integers SQLite binds as integers (1e20 passes
 * `integer()` but reaches `OFFSET ?` as a real and fails), and lists short enough for one `IN (…)`.
 */
export const MAX_OFFSET = 1_000_000_000;
export const MAX_CENTS = 1_000_000_000_000_000; // R$ 10 trillion: below 2^53, so exact in JavaScript and SQLite
export const MAX_LIST = 100;
const recordId = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(Number.MAX_SAFE_INTEGER));
const day = v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/, 'Use YYYY-MM-DD'));
const offset = v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(MAX_OFFSET)));
const cents = v.optional(v.pipe(v.number(), v.integer(), v.minValue(-MAX_CENTS), v.maxValue(MAX_CENTS)));
const shortList = v.optional(v.pipe(v.array(v.pipe(v.string(), v.maxLength(64))), v.maxLength(MAX_LIST)));
const limit = v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(500)));
const direction = v.picklist(['asc', 'desc']);
const shortText = (max: number) => v.pipe(v.string(), v.maxLength(max));

/** The alias is the store's subdomain-like id on the platform. */
const alias = v.pipe(
  v.string(),
  v.trim(),
  v.regex(/^[a-z0-9][a-z0-9-]{0,62}$/i, 'Use only letters, digits and hyphens'),
);
const apiBaseUrl = v.pipe(v.string(), v.maxLength(500), v.url(), v.regex(/^https?:\/\//i));
const credential = v.pipe(v.string(), v.trim(), v.minLength(8, 'Too short'), v.maxLength(512));

export const orderQuerySchema = v.strictObject({
  statuses: shortList,
  from: v.optional(day),
  to: v.optional(day),
  paymentMethods: shortList,
  minTotalCents: cents,
  maxTotalCents: cents,
  delivered: v.optional(v.boolean()),
  customerId: v.optional(recordId),
  hour: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(23))),
  weekday: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(6))),
  review: v.optional(v.picklist(['reviewed', 'flagged', 'unreviewed'])),
  arrivedIn: v.optional(v.pipe(v.array(recordId), v.minLength(1), v.maxLength(MAX_LIST))),
  search: v.optional(shortText(200)),
  sort: v.optional(
    v.strictObject({ key: v.picklist(['date', 'number', 'total', 'customer', 'status', 'payment']), direction }),
  ),
  offset,
  limit,
});

/**
 * A saved view's filter: the list's query without its page, nor the sync runs' new orders (a view opened later
 * would show the orders of runs long past, not what is new then).
 */
export const viewFilterSchema = v.omit(orderQuerySchema, ['offset', 'limit', 'arrivedIn']);
const viewId = recordId;
const viewName = v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(MAX_VIEW_NAME));
/** The order list's own tabs (issue 13), per store. */
const viewCalls = {
  'views.list': call<SavedView[]>()(v.strictObject({ storeId })),
  /** A new view at the end of the tabs, or (with `id`) a view's filter replaced; a name already used is CONFLICT. */
  'views.save': call<SavedView>()(
    v.strictObject({
      storeId,
      id: v.optional(viewId),
      name: viewName,
      filter: viewFilterSchema,
      datePreset: v.nullable(v.picklist(DATE_PRESETS)),
    }),
  ),
  'views.rename': call<SavedView>()(v.strictObject({ storeId, id: viewId, name: viewName })),
  'views.remove': call<null>()(v.strictObject({ storeId, id: viewId })),
  /** Puts a view at `position` among the store's views; answers the views in their new order. */
  'views.move': call<SavedView[]>()(
    v.strictObject({
      storeId,
      id: viewId,
      position: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(MAX_VIEWS)),
    }),
  ),
};

export const customerQuerySchema = v.strictObject({
  search: v.optional(shortText(200)),
  sort: v.optional(v.strictObject({ key: v.picklist(['name', 'lastOrder', 'orderCount', 'totalSpent']), direction })),
  offset,
  limit,
});

/** Automatic sync (issue 14): how often stores sync by themselves, as Configurações offers it. */
const syncScheduleCalls = {
  'sync.getSchedule': call<SyncSchedule>()(noInput),
  /** Changes what is given, keeps the rest. */
  'sync.setSchedule': call<SyncSchedule>()(
    v.strictObject({
      intervalMinutes: v.optional(v.picklist(SYNC_INTERVALS)),
      notifyNewOrders: v.optional(v.boolean()),
    }),
  ),
};

/** Ids picked by hand in the order list; a larger selection is sent as its filter. */
export const MAX_SELECTED_IDS = 10_000;
export const MAX_REVIEW_MANY = 5_000;
const jobId = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/));
const locale = v.picklist(['pt-BR', 'en']);
const selectionSchema = v.union([
  v.strictObject({ ids: v.pipe(v.array(recordId), v.minLength(1), v.maxLength(MAX_SELECTED_IDS)) }),
  v.strictObject({ query: orderQuerySchema }),
]);
const optionalText = (max: number) => v.nullable(shortText(max));
const senderSchema = v.strictObject({
  name: shortText(200),
  taxId: optionalText(32),
  street: optionalText(200),
  number: optionalText(32),
  complement: optionalText(200),
  neighborhood: optionalText(120),
  city: optionalText(120),
  uf: optionalText(2),
  zipcode: optionalText(16),
});

export const calls = {
  'app.info': call<AppInfo>()(noInput),
  /** The state `cache.health` last announced: a window opened later learns it here. */
  'app.cacheHealth': call<CacheHealth>()(noInput),
  /** The state `connectivity.changed` last announced: a window opened later learns it here. */
  'connectivity.get': call<Connectivity>()(noInput),

  'stores.list': call<StoreSummary[]>()(noInput),
  /**
   * Verifies the credentials with one API call before anything is saved. `apiBaseUrl` (the platform's by default)
   * is for the CLI's `stores add --base-url` and tests against a fake store; the app's form never sends it.
   */
  'stores.add': call<StoreSummary>()(
    v.strictObject({
      alias,
      token: credential,
      secret: credential,
      name: v.optional(shortText(120)),
      apiBaseUrl: v.optional(apiBaseUrl),
    }),
  ),
  /** Rename, and/or replace both credentials (verified the same way). */
  'stores.update': call<StoreSummary>()(
    v.strictObject({
      id: storeId,
      name: v.optional(shortText(120)),
      token: v.optional(credential),
      secret: v.optional(credential),
    }),
  ),
  /** Erases the keychain entry and every cached row of the store (LGPD). */
  'stores.remove': call<null>()(v.strictObject({ id: storeId })),
  'stores.testConnection': call<StoreSummary>()(v.strictObject({ id: storeId })),
  'stores.addDemo': call<StoreSummary>()(noInput),

  'sync.start': call<null>()(
    v.strictObject({ storeId, mode: v.optional(v.picklist(['auto', 'full', 'incremental'])) }),
  ),
  'sync.cancel': call<null>()(v.strictObject({ storeId })),

  'orders.list': call<Page<OrderSummary>>()(v.strictObject({ storeId, query: orderQuerySchema })),
  /** Counts by status for the same filter, ignoring its status part. */
  'orders.statusCounts': call<StatusCount[]>()(v.strictObject({ storeId, query: orderQuerySchema })),
  'orders.get': call<OrderDetail>()(v.strictObject({ storeId, orderId: recordId })),
  'orders.setReview': call<ReviewState>()(
    v.strictObject({
      storeId,
      orderId: recordId,
      reviewed: v.optional(v.boolean()),
      flagged: v.optional(v.boolean()),
      note: v.optional(shortText(2000)),
    }),
  ),

  'customers.list': call<Page<CustomerSummary>>()(v.strictObject({ storeId, query: customerQuerySchema })),
  'customers.get': call<CustomerDetail>()(v.strictObject({ storeId, customerId: recordId })),
  ...syncScheduleCalls,
  ...viewCalls,

  /**
   * Opens an order's tracking page, boleto or the customer's WhatsApp in the person's browser. Main builds the URL
   * from the cached order; true when something was opened (false: the order has no such link, or the shell cannot
   * open a browser, as the preview's bridge and the CLI).
   */
  'links.open': call<boolean>()(v.strictObject({ storeId, orderId: recordId, kind: v.picklist(ORDER_LINK_KINDS) })),
  /**
   * Export (docs/export.md): the renderer never names a path. The shell asks where to save (a save dialog, a folder
   * dialog for one file per order; the preview answers with a download) and the call ends when the file is written,
   * or with `dismissed` when the person closed the dialog. `jobId` is the caller's, so it can cancel and hear progress.
   */
  'export.pdf': call<ExportOutcome>()(
    v.strictObject({
      storeId,
      jobId,
      kind: v.picklist(['order', 'packing-slip', 'declaration', 'picking', 'report', 'customer']),
      selection: v.optional(selectionSchema),
      customerId: v.optional(recordId),
      locale,
      perOrderFiles: v.optional(v.boolean()),
    }),
  ),
  'export.csv': call<ExportOutcome>()(
    v.strictObject({
      storeId,
      jobId,
      shape: v.picklist(['orders', 'items']),
      separator: v.optional(v.picklist([';', ','])),
      selection: selectionSchema,
      locale,
    }),
  ),
  'export.cancel': call<null>()(v.strictObject({ jobId })),
  /** Opens the finished export's file (or shows it in its folder) with the system; the preview has a download instead. */
  'export.open': call<null>()(v.strictObject({ jobId, reveal: v.boolean() })),
  /** The declaração de conteúdo's sender for a store: saved locally, pre-filled from the store until then. */
  'export.getSender': call<SenderData>()(v.strictObject({ storeId })),
  'export.setSender': call<SenderData>()(v.strictObject({ storeId, sender: senderSchema })),
  /** Marks many orders at once, in one transaction: at most MAX_REVIEW_MANY, by ids or by a filter. */
  'orders.setReviewMany': call<ReviewManyResult>()(
    v.strictObject({
      storeId,
      selection: selectionSchema,
      reviewed: v.optional(v.boolean()),
      flagged: v.optional(v.boolean()),
    }),
  ),
  /** The Painel's figures for a period in the store's zone; from/to are for the custom period. */
  'painel.get': call<Painel>()(
    v.strictObject({
      storeId,
      period: v.picklist(PAINEL_PERIODS),
      from: v.optional(day),
      to: v.optional(day),
      compare: v.optional(v.picklist(['previous', 'lastYear'])),
    }),
  ),
} as const;

/** Events the main process pushes; the value is a phantom type for the payload. */
export const events = {
  'connectivity.changed': {} as Connectivity,
  'stores.changed': {} as StoreSummary[],
  /** While `stores.remove` runs: its phases, so the removal dialog shows how far the erasure is. */
  'stores.removal': {} as StoreRemovalProgress,
  /** The check after start-up found the cache damaged (a damage found at open is `app.cacheHealth`'s from the start). */
  'cache.health': {} as CacheHealth,
  /** The raw JSON of a cache an older version wrote being packed after the open (db/raw-repack.ts). */
  'cache.repack': {} as CacheRepackProgress,
  'sync.progress': {} as SyncProgress,
  'sync.finished': {} as SyncOutcome,
  'export.progress': {} as ExportProgressEvent,
  'export.finished': {} as ExportFinished,
  /** A command from the app's own menu that the renderer carries out (the menu lives in the main process). */
  'shell.command': {} as ShellCommand,
} as const;

/** What the shell asks of the window: the menu's Exportar…, or a click on the new-orders notification. */
export type ShellCommand = { command: 'export' } | { command: 'new-orders'; storeId: string };

export type Calls = typeof calls;
export type CallName = keyof Calls;
export type CallInput<N extends CallName> = v.InferInput<Calls[N]['input']>;
export type CallResult<N extends CallName> = Calls[N] extends CallSpec<v.GenericSchema, infer R> ? R : never;
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = (typeof events)[E];

export const CALL_NAMES = Object.keys(calls) as CallName[];
export const EVENT_NAMES = Object.keys(events) as EventName[];

export function isCallName(value: unknown): value is CallName {
  return typeof value === 'string' && Object.hasOwn(calls, value);
}

export function isEventName(value: unknown): value is EventName {
  return typeof value === 'string' && Object.hasOwn(events, value);
}

/** IPC channel names are prefixed so they cannot collide with Electron's own. */
export const IPC_CALL_PREFIX = 'balcao:call:';
export const IPC_EVENT_PREFIX = 'balcao:event:';
