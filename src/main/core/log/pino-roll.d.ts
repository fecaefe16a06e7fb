// pino-roll ships no types; this is the part of its API the logger uses (see its README and pino-roll.js).
declare module 'pino-roll' {
  import type { EventEmitter } from 'node:events';

  /** The sonic-boom stream pino-roll returns, reopened on the next numbered file as each one fills. */
  export interface RollStream extends EventEmitter {
    write(data: string): boolean;
    flushSync(): void;
    end(): void;
  }

  export interface PinoRollOptions {
    /** Base path; `.N` goes before its extension. */
    file: string;
    /** Size per file: a number of MB, or a string with k, m, g or b. */
    size?: string | number;
    /** Old files to delete on each roll: with `removeOtherLogFiles`, all but the newest `count`, earlier runs' too. */
    limit?: { count: number; removeOtherLogFiles?: boolean };
    mkdir?: boolean;
    minLength?: number;
  }

  export default function pinoRoll(options: PinoRollOptions): Promise<RollStream>;
}
