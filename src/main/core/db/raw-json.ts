import { createHash } from 'node:crypto';
import { redactSecrets } from '../normalize/redact';

/** Raw API JSON as stored: secrets removed; never throws (a value JSON cannot hold is kept as its text). */
export function rawJson(raw: unknown): string {
  try {
    return JSON.stringify(redactSecrets(raw)) ?? 'null';
  } catch {
    return JSON.stringify(String(raw));
  }
}

export function fingerprint(json: string): string {
  return createHash('sha256').update(json).digest('hex');
}
