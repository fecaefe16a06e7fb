import type { ErrorInfo } from '../errors';
import { isMessageKey, translate, type Locale, type MessageKey } from './messages';

/**
 * A failure in the person's language: `error.CODE.reason` when the params name a reason that has its own message
 * and every placeholder it needs, else the code's general message. The renderer and the CLI both use it, so a code
 * reads the same wherever it shows.
 */
export function errorMessage(locale: Locale, error: ErrorInfo): string {
  const params = error.params ?? {};
  const general: MessageKey = `error.${error.code}`;
  const reason = params['reason'];
  const specific = typeof reason === 'string' ? `${general}.${reason}` : null;
  if (specific !== null && isMessageKey(specific)) {
    const needed = [...translate(locale, specific).matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
    if (needed.every((name) => Object.hasOwn(params, name))) return translate(locale, specific, params);
  }
  return translate(locale, general);
}
