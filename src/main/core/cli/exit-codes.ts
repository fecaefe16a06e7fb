import type { ErrorCode, ErrorInfo } from '../../../shared/errors';
import { errorMessage } from '../../../shared/i18n/error-message';

/** Stable for scripts: documented in docs/cli.md. */
export const EXIT = {
  ok: 0,
  usage: 2,
  auth: 3,
  offline: 4,
  other: 5,
  exportNothing: 6,
  exportUnwritable: 7,
  exportNoChromium: 8,
  interrupted: 130,
} as const;

export class UsageError extends Error {}

/** Ctrl-C (or the end of input) at a prompt: nothing was done; exits 130, as a shell does for SIGINT. */
export class Interrupted extends Error {}

export function exitCodeFor(code: ErrorCode | string): number {
  switch (code) {
    case 'AUTH_INVALID':
    case 'STORE_NOT_FOUND':
    case 'STORE_INACTIVE':
      return EXIT.auth;
    case 'OFFLINE':
      return EXIT.offline;
    case 'INVALID_INPUT':
      return EXIT.usage;
    case 'EXPORT_EMPTY':
      return EXIT.exportNothing;
    case 'PATH_UNWRITABLE':
    case 'DISK_FULL':
      return EXIT.exportUnwritable;
    case 'CHROMIUM_MISSING':
    case 'CHROMIUM_CRASHED':
      return EXIT.exportNoChromium;
    case 'CANCELLED':
      return EXIT.interrupted;
    default:
      return EXIT.other;
  }
}

/**
 * A failure as the CLI says it: the stable code for scripts, then the same words the app shows, in English (the
 * CLI's language throughout; docs/cli.md).
 */
export function describeError(error: ErrorInfo): string {
  return `${error.code}: ${errorMessage('en', error)}`;
}
