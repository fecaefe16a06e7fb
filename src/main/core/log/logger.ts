import { appendFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { redactor as defaultRedactor, type Redactor } from './redactor';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export interface LoggerOptions {
  /** JSON lines are appended here; omitted, nothing is written to disk. */
  file?: string;
  /** Also write to stderr (the CLI with --verbose, development). */
  stderr?: boolean;
  redactor?: Redactor;
  /** Past this size the file is rotated: `<file>` becomes `<file>.1`, `.1` becomes `.2`, and so on. */
  maxBytes?: number;
  /** Rotated files kept besides the current one; the oldest is dropped. */
  keepFiles?: number;
}

function describe(value: unknown): unknown {
  if (value instanceof Error) {
    const cause = (value as Error & { cause?: unknown }).cause;
    return {
      name: value.name,
      message: value.message,
      stack: value.stack,
      ...(cause ? { cause: describe(cause) } : {}),
    };
  }
  return value;
}

function rotate(file: string, keep: number): void {
  rmSync(`${file}.${keep}`, { force: true });
  for (let n = keep - 1; n >= 1; n--) {
    if (existsSync(`${file}.${n}`)) renameSync(`${file}.${n}`, `${file}.${n + 1}`);
  }
  renameSync(file, `${file}.1`);
}

/** A small JSON-lines logger: every line is redacted before it leaves memory. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const redactor = options.redactor ?? defaultRedactor;
  const maxBytes = options.maxBytes ?? 5 * 1024 * 1024;
  const keepFiles = Math.max(1, options.keepFiles ?? 3);
  if (options.file) mkdirSync(dirname(options.file), { recursive: true });

  function write(level: LogLevel, message: string, fields?: Record<string, unknown>): void {
    const entry: Record<string, unknown> = { time: new Date().toISOString(), level, message };
    for (const [key, value] of Object.entries(fields ?? {})) entry[key] = describe(value);
    const line = redactor.redact(JSON.stringify(entry));
    if (options.stderr) process.stderr.write(`${line}\n`);
    if (!options.file) return;
    try {
      if ((statSync(options.file, { throwIfNoEntry: false })?.size ?? 0) > maxBytes) rotate(options.file, keepFiles);
      appendFileSync(options.file, `${line}\n`);
    } catch {
      // A full disk must not take the app down with it; the log is best effort.
    }
  }

  return {
    debug: (message, fields) => write('debug', message, fields),
    info: (message, fields) => write('info', message, fields),
    warn: (message, fields) => write('warn', message, fields),
    error: (message, fields) => write('error', message, fields),
  };
}
