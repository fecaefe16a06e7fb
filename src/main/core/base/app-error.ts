import type { ErrorCode, ErrorInfo } from '../../../shared/errors';

/**
 * A failure the core expects and can explain to a person. Anything else that
 * reaches a carrier is reported as INTERNAL with a generic message, so stack
 * traces and third-party messages (which may quote a request) never cross IPC.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AppError';
    this.code = code;
  }

  toInfo(): ErrorInfo {
    return { code: this.code, message: this.message };
  }
}
