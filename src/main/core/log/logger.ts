import { pino } from 'pino';
import { redactor as defaultRedactor, type Redactor } from './redactor';
import { RollingFile } from './rolling-file';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** What the composition root holds: the logger, and the means to write out what is still buffered. */
export interface ClosableLogger extends Logger {
  /** Writes every buffered line to the file and closes it; lines logged afterwards are dropped. */
  close(): Promise<void>;
}

export interface LoggerOptions {
  /**
   * JSON lines go to numbered files beside this path (`balcao.log` → `balcao.1.log`, `balcao.2.log`, …, the
   * highest number being the current one); omitted, nothing is written to disk.
   */
  file?: string;
  /** Also write to stderr (the CLI with --verbose, development). */
  stderr?: boolean;
  redactor?: Redactor;
  /** Past this size the next line starts a new file. */
  maxBytes?: number;
  /** Files kept, the current one included; the oldest is deleted as a new one starts. */
  maxFiles?: number;
}

/** Errors become plain data (name, message, stack, cause), which JSON.stringify would turn into `{}`. */
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

/**
 * JSON-lines logger on pino: lines are built without blocking on the disk and
 * written by a size-rotated file stream (pino-roll, used in-process, not as a
 * worker-thread transport, so it runs the same in the CLI, the tests and the
 * bundled Electron main). Every line passes through the redactor on its way out.
 */
export function createLogger(options: LoggerOptions = {}): ClosableLogger {
  const redactor = options.redactor ?? defaultRedactor;
  const file = options.file
    ? new RollingFile(options.file, { maxBytes: options.maxBytes ?? 5 * 1024 * 1024, maxFiles: options.maxFiles ?? 4 })
    : null;
  const sink = {
    write(line: string): void {
      if (options.stderr) process.stderr.write(line);
      file?.write(line);
    },
  };
  const logger = pino(
    {
      level: 'debug',
      base: undefined,
      messageKey: 'message',
      timestamp: pino.stdTimeFunctions.isoTime,
      serializers: { err: describe },
      formatters: {
        level: (label) => ({ level: label }),
        log: (fields) => Object.fromEntries(Object.entries(fields).map(([key, value]) => [key, describe(value)])),
      },
      hooks: { streamWrite: (line) => redactor.redact(line) },
    },
    sink,
  );
  const at =
    (level: LogLevel) =>
    (message: string, fields?: Record<string, unknown>): void => {
      if (fields) logger[level](fields, message);
      else logger[level](message);
    };
  return {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    close: async () => file?.close(),
  };
}
