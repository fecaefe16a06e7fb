import type { ErrorCode, ErrorParams } from '../../../shared/errors';
import { AppError } from '../base/app-error';
import { secretScrubber } from '../base/secret-forms';
import type { RetryReason } from './types';

/** What kind of record a route reads: a 404 on a record is NOT_FOUND, on a collection it means the store is wrong. */
export type RouteKind = { kind: 'collection' } | { kind: 'record'; record: 'apiOrder' | 'apiCustomer'; id: string };

const MAX_SERVER_MESSAGE = 200;

export function cancelledError(): AppError {
  return new AppError('CANCELLED', 'request cancelled');
}

/**
 * Node's fetch wraps the socket error in `cause` (sometimes twice). Only the
 * error code is read: messages of lower layers are never copied anywhere.
 */
export function networkReason(error: unknown): RetryReason {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current !== null && typeof current === 'object'; depth += 1) {
    const code = (current as { code?: unknown }).code;
    switch (code) {
      case 'ECONNREFUSED':
        return 'connection-refused';
      case 'ECONNRESET':
      case 'EPIPE':
      case 'UND_ERR_SOCKET':
      case 'UND_ERR_CLOSED':
        return 'connection-reset';
      case 'ENOTFOUND':
      case 'EAI_AGAIN':
        return 'dns';
      case 'UND_ERR_CONNECT_TIMEOUT':
      case 'UND_ERR_HEADERS_TIMEOUT':
      case 'UND_ERR_BODY_TIMEOUT':
      case 'ETIMEDOUT':
        return 'timeout';
    }
    current = (current as { cause?: unknown }).cause;
  }
  return 'network';
}

/** Replaces every credential in text that came from outside (a server may echo a request back, escaped or encoded). */
export function redact(text: string, secrets: readonly string[]): string {
  return secretScrubber(secrets)(text, '***');
}

/** The API's `message` field, trimmed, shortened and cleaned of credentials; undefined when absent. */
export function serverMessage(body: unknown, secrets: readonly string[]): string | undefined {
  if (body === null || typeof body !== 'object') return undefined;
  const message = (body as { message?: unknown }).message;
  if (typeof message !== 'string' || message.trim() === '') return undefined;
  const clean = redact(message.trim().replace(/\s+/g, ' '), secrets);
  return clean.length > MAX_SERVER_MESSAGE ? `${clean.slice(0, MAX_SERVER_MESSAGE - 1)}…` : clean;
}

/** A diagnostic `cause` made of plain values only, so no lower-layer error (or request) can ride along. */
export interface FailureDetail {
  reason: RetryReason | 'http';
  status?: number;
  attempts: number;
}

/**
 * `reason` names the specific message (`error.CODE.reason` in src/shared/i18n) and is the log's English detail;
 * the person's words are chosen at the edge.
 */
export function appError(
  code: ErrorCode,
  reason: string | null,
  detail: FailureDetail,
  params: Omit<ErrorParams, 'reason'> = {},
): AppError {
  const status = detail.status === undefined ? '' : ` (HTTP ${detail.status})`;
  return new AppError(code, `${code}${reason ? ` ${reason}` : ''}${status} after ${detail.attempts} attempt(s)`, {
    ...(reason ? { params: { reason, ...params } } : {}),
    cause: detail,
  });
}

/** Final error for a failure that ran out of attempts. */
export function exhaustedError(reason: RetryReason, status: number | undefined, attempts: number): AppError {
  const detail: FailureDetail = status === undefined ? { reason, attempts } : { reason, status, attempts };
  switch (reason) {
    case 'bad-json':
      return appError('BAD_RESPONSE', 'json', detail);
    case 'server-error':
      return appError('SERVER', 'status', detail, { status: status ?? 500 });
    case 'rate-limited':
      return appError('RATE_LIMITED', null, detail);
    case 'timeout':
      return appError('OFFLINE', 'timeout', detail);
    default:
      return appError('OFFLINE', null, detail);
  }
}

/** Errors for statuses that are never retried: retrying cannot change the answer. */
export function finalHttpError(
  status: number,
  body: unknown,
  route: RouteKind,
  secrets: readonly string[],
  attempts: number,
): AppError {
  const detail: FailureDetail = { reason: 'http', status, attempts };
  const said = serverMessage(body, secrets);
  if (status === 401) return appError('AUTH_INVALID', null, detail);
  if (status === 403) return appError('STORE_INACTIVE', null, detail);
  if (status === 404) {
    // A collection route (orders, customers, statuses) exists for every store, so a 404 there means the alias
    // names no store; a 404 on /orders/{id} means that record is gone.
    return route.kind === 'record'
      ? appError('NOT_FOUND', route.record, detail, { id: route.id })
      : appError('STORE_NOT_FOUND', null, detail);
  }
  if (status >= 300 && status < 400) return appError('BAD_RESPONSE', 'redirect', detail);
  // What the server said is the store's own words (often Portuguese), already cleaned of credentials.
  return said
    ? appError('BAD_RESPONSE', 'refusedSaying', detail, { status, said })
    : appError('BAD_RESPONSE', 'refused', detail, { status });
}
