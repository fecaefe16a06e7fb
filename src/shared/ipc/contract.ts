import * as v from 'valibot';
import type { AppInfo, Connectivity, StoreSummary, SyncOutcome, SyncProgress, SyncSchedule } from '../domain/app';
import { SYNC_INTERVALS } from '../domain/app';
import type { OrderDetail, OrderSummary, ReviewState } from '../domain/order';
import type { CustomerDetail, CustomerSummary } from '../domain/customer';
import type { Page, StatusCount } from '../domain/query';
import { PAINEL_PERIODS, type Painel } from '../domain/painel';

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
  review: v.optional(v.picklist(['reviewed', 'flagged', 'unreviewed'])),
  search: v.optional(shortText(200)),
  sort: v.optional(v.strictObject({ key: v.picklist(['date', 'number', 'total', 'customer', 'status']), direction })),
  offset,
  limit,
});

export const customerQuerySchema = v.strictObject({
  search: v.optional(shortText(200)),
  sort: v.optional(v.strictObject({ key: v.picklist(['name', 'lastOrder', 'orderCount']), direction })),
  offset,
  limit,
});

/** Automatic sync (issue 14): how often stores sync by themselves, as Configurações offers it. */
const syncScheduleCalls = {
  'sync.getSchedule': call<SyncSchedule>()(noInput),
  'sync.setSchedule': call<SyncSchedule>()(v.strictObject({ intervalMinutes: v.picklist(SYNC_INTERVALS) })),
};

export const calls = {
  'app.info': call<AppInfo>()(noInput),
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
  'sync.progress': {} as SyncProgress,
  'sync.finished': {} as SyncOutcome,
} as const;

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
