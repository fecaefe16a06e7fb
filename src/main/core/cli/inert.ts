import type { Terminal } from './terminal';

/**
 * What would act on a terminal instead of being shown: C0 controls but the newline (ESC starts every escape
 * sequence, BEL rings, CR and BS overwrite what was printed, TAB breaks the columns), DEL, C1 controls (U+009B is
 * CSI to many terminals), the bidi controls that reorder the text after them, and the line and paragraph separators.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const ACTIVE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g;

/** Each active character becomes U+FFFD: a name with escape sequences prints as text, and visibly so. */
export function inert(text: string): string {
  return text.replace(ACTIVE, '\uFFFD');
}

/**
 * The terminal the CLI's human output goes through: store data (names, e-mails, the server's own words in an error)
 * can neither retitle nor recolour the terminal nor hide what follows. `--json` output and the progress line are
 * written to the raw terminal: JSON must stay exact, and escapes its controls itself.
 */
export function inertTerminal(term: Terminal): Terminal {
  return {
    out: (text) => term.out(inert(text)),
    err: (text) => term.err(inert(text)),
    stdinIsTty: term.stdinIsTty,
    stderrIsTty: term.stderrIsTty,
    ask: (question, hidden) => term.ask(inert(question), hidden),
    env: (name) => term.env(name),
  };
}
