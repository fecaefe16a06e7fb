import { secretScrubber, type SecretScrubber } from '../base/secret-forms';

/**
 * Secrets the process has seen (credentials read from the keychain or typed by
 * the person). Everything written to a log passes through `redact`, a safety
 * net behind the rule that no message is built from a secret in the first place.
 */
export class Redactor {
  readonly #secrets = new Set<string>();
  #scrub: SecretScrubber = secretScrubber([]);

  add(...values: string[]): void {
    // Very short values would blank out ordinary words; the API's tokens are long.
    for (const value of values) if (value.length >= 6) this.#secrets.add(value);
    this.#scrub = secretScrubber(this.#secrets);
  }

  forget(...values: string[]): void {
    for (const value of values) this.#secrets.delete(value);
    this.#scrub = secretScrubber(this.#secrets);
  }

  /** Replaces every registered secret, in any of its escaped or encoded forms (see secretScrubber). */
  redact(text: string): string {
    const out = this.#scrub(text, '[redacted]');
    // Header-shaped leaks from third-party messages, even for secrets never registered.
    // Runs on JSON text too, where quotes arrive escaped (\").
    return out.replace(
      /(user-token|user-secret-key)((?:\\?["'])?\s*[:=]\s*(?:\\?["'])?)[^\s"'\\,}]+/gi,
      '$1$2[redacted]',
    );
  }
}

/** One per process: the keychain, the stores service and the logger share it. */
export const redactor = new Redactor();
