/**
 * Secrets the process has seen (credentials read from the keychain or typed by
 * the person). Everything written to a log passes through `redact`, a safety
 * net behind the rule that no message is built from a secret in the first place.
 */
export class Redactor {
  readonly #secrets = new Set<string>();

  add(...values: string[]): void {
    // Very short values would blank out ordinary words; the API's tokens are long.
    for (const value of values) if (value.length >= 6) this.#secrets.add(value);
  }

  forget(...values: string[]): void {
    for (const value of values) this.#secrets.delete(value);
  }

  redact(text: string): string {
    let out = text;
    for (const secret of this.#secrets) out = out.split(secret).join('[redacted]');
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
