import type { ErrorCode, ErrorInfo, ErrorParams } from '../../../shared/errors';

/**
 * A failure the core expects and can explain to a person. It leaves the core as
 * its code and params only (`toInfo`); the person's words are chosen at the edge
 * (src/shared/i18n). `message` is an English detail for the log and developers.
 * Anything that is not an AppError reaches a carrier as INTERNAL, so stack traces
 * and third-party messages (which may quote a request) never cross IPC.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly params: ErrorParams | undefined;
  constructor(code: ErrorCode, detail: string, options?: { params?: ErrorParams; cause?: unknown }) {
    super(detail, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.params = options?.params;
  }

  toInfo(): ErrorInfo {
    return this.params ? { code: this.code, params: this.params } : { code: this.code };
  }
}
