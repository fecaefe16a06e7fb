import { appendFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import pinoRoll, { type RollStream } from 'pino-roll';

/** Files still open, written out synchronously if the process exits without closing them (a crash, process.exit). */
const open = new Set<RollingFile>();
let exitHooked = false;

/**
 * A log file rotated by size through pino-roll, used as a plain stream in this
 * thread. pino-roll opens its file asynchronously (it first looks for the
 * highest-numbered file to continue); lines logged before that wait here.
 */
export class RollingFile {
  readonly #path: string;
  readonly #opened: Promise<void>;
  #stream: RollStream | null = null;
  /** Lines logged before the stream opened; null once it has (or could not). */
  #pending: string[] | null = [];
  #closed = false;

  constructor(path: string, limits: { maxBytes: number; maxFiles: number }) {
    this.#path = path;
    try {
      mkdirSync(dirname(path), { recursive: true });
    } catch {
      // A folder we cannot write to leaves the app without a log, not without the app: the stream's error is ignored.
    }
    // Versions before pino-roll wrote `<file>` and rotated it once to `<file>.1`; nothing reads them any more, and a
    // log is kept only as long as its rotation allows.
    for (const legacy of [path, `${path}.1`]) {
      try {
        rmSync(legacy, { force: true });
      } catch {
        // Not ours to remove (a folder by that name, no permission): left as it is.
      }
    }
    this.#opened = pinoRoll({
      file: path,
      size: `${limits.maxBytes}b`,
      // With removeOtherLogFiles (which also clears files of earlier runs) pino-roll's count is of all the files.
      limit: { count: limits.maxFiles, removeOtherLogFiles: true },
    }).then(
      (stream) => {
        // A full disk must not take the app down with it; the log is best effort.
        stream.on('error', () => undefined);
        for (const line of this.#pending ?? []) stream.write(line);
        this.#pending = null;
        this.#stream = stream;
      },
      () => {
        this.#pending = null;
      },
    );
    open.add(this);
    if (!exitHooked) {
      exitHooked = true;
      process.on('exit', () => {
        for (const file of open) file.#flushSync();
      });
    }
  }

  write(line: string): void {
    if (this.#closed) return;
    if (this.#stream) this.#stream.write(line);
    else this.#pending?.push(line);
  }

  /** Resolves once every line written so far is in the file and the file is closed. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    open.delete(this);
    await this.#opened;
    const stream = this.#stream;
    if (!stream) return;
    await new Promise<void>((resolve) => {
      stream.once('close', () => resolve());
      stream.once('error', () => resolve());
      stream.end();
    });
  }

  #flushSync(): void {
    try {
      if (this.#stream) this.#stream.flushSync();
      else if (this.#pending?.length) appendFileSync(this.#currentFile(), this.#pending.splice(0).join(''));
    } catch {
      // Exiting: nothing left to tell.
    }
  }

  /** The file pino-roll would open: the highest-numbered `<name>.N<ext>`, or `.1`. */
  #currentFile(): string {
    const ext = extname(this.#path);
    const name = basename(this.#path, ext);
    let highest = 1;
    for (const entry of readdirSync(dirname(this.#path))) {
      const number =
        entry.startsWith(`${name}.`) && entry.endsWith(ext)
          ? entry.slice(name.length + 1, entry.length - ext.length)
          : '';
      if (/^\d+$/.test(number)) highest = Math.max(highest, Number(number));
    }
    return join(dirname(this.#path), `${name}.${highest}${ext}`);
  }
}
