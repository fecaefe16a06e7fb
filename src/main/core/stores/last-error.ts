import { isErrorCode, type ErrorInfo, type ErrorParams } from '../../../shared/errors';

/**
 * `stores.last_error` holds the failure as JSON `{code, params}`, so the store list can say it in the person's
 * language. Files written before hold a sentence in Portuguese: it reads as "the last attempt failed" rather than
 * showing one language's words in another's screen.
 */
export function encodeLastError(error: ErrorInfo): string {
  return JSON.stringify(error.params ? { code: error.code, params: error.params } : { code: error.code });
}

export function decodeLastError(stored: string | null): ErrorInfo | null {
  if (stored === null || stored === '') return null;
  try {
    const value = JSON.parse(stored) as { code?: unknown; params?: unknown };
    if (isErrorCode(value.code)) {
      const params = value.params;
      return params !== null && typeof params === 'object' && !Array.isArray(params)
        ? { code: value.code, params: params as ErrorParams }
        : { code: value.code };
    }
  } catch {
    // A sentence from an older version.
  }
  return { code: 'INTERNAL', params: { reason: 'unrecorded' } };
}
