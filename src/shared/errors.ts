/**
 * The closed set of failure codes that may cross the IPC boundary. Electron drops
 * error classes across IPC, so failures travel as `{ code, message }` and the
 * renderer turns them back into an ApiError.
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
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorInfo {
  code: ErrorCode;
  /** Written for people. Never carries a secret. */
  message: string;
}

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

/** What the renderer (and any client of the contract) throws when a call fails. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  constructor(info: ErrorInfo) {
    super(info.message);
    this.name = 'ApiError';
    this.code = info.code;
  }
}
