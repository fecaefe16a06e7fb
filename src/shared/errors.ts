/**
 * The closed set of failure codes that may cross the IPC boundary. Electron drops
 * error classes across IPC, so failures travel as `{ code, params }` and the
 * renderer turns them back into an ApiError. Words are chosen at the edge, in the
 * person's language, by `errorMessage` (src/shared/i18n/error-message.ts).
 */
export const ERROR_CODES = [
  'INVALID_INPUT',
  'UNKNOWN_CHANNEL',
  'FORBIDDEN_SENDER',
  'AUTH_INVALID',
  'STORE_INACTIVE',
  'STORE_NOT_FOUND',
  'NOT_FOUND',
  'OFFLINE',
  'RATE_LIMITED',
  'SERVER',
  'BAD_RESPONSE',
  'KEYCHAIN_UNAVAILABLE',
  'CONFLICT',
  'CANCELLED',
  'DATABASE_TOO_NEW',
  'EXPORT_EMPTY',
  'PATH_UNWRITABLE',
  'DISK_FULL',
  'CHROMIUM_MISSING',
  'CHROMIUM_CRASHED',
  'DATA_FOLDER_READ_ONLY',
  'DATABASE_DAMAGED',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * What a message needs besides the code: a field name, an alias, versions, an HTTP status. `reason` picks a more
 * specific message of the code (`error.CODE.reason` in the catalogues). Values never carry a secret.
 */
export type ErrorParams = Readonly<Record<string, string | number>>;

export interface ErrorInfo {
  code: ErrorCode;
  params?: ErrorParams;
}

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

/** A `{ code, params }` as a sync outcome or a store's last error carries it. */
export function isErrorInfo(value: unknown): value is ErrorInfo {
  return value !== null && typeof value === 'object' && isErrorCode((value as { code?: unknown }).code);
}

/** What the renderer (and any client of the contract) throws when a call fails. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly params: ErrorParams | undefined;
  constructor(info: ErrorInfo) {
    // The code only: a person reads errorMessage(locale, info), never this.
    super(info.code);
    this.name = 'ApiError';
    this.code = info.code;
    this.params = info.params;
  }

  toInfo(): ErrorInfo {
    return this.params ? { code: this.code, params: this.params } : { code: this.code };
  }
}
