import { AppError } from '../base/app-error';

/** SQLite's primary result codes (the part before the first `_` of better-sqlite3's `code`) and what they mean here. */
const DAMAGED = new Set(['SQLITE_CORRUPT', 'SQLITE_NOTADB']);
const READ_ONLY = new Set(['SQLITE_READONLY', 'SQLITE_CANTOPEN', 'SQLITE_PERM', 'EROFS', 'EACCES', 'EPERM']);
const FULL = new Set(['SQLITE_FULL', 'ENOSPC', 'EDQUOT']);

function primary(code: string): string {
  const [kind, ...rest] = code.split('_');
  return kind === 'SQLITE' && rest.length > 0 ? `SQLITE_${rest[0]}` : code;
}

/**
 * The data folder's failures as a person can act on them: a full disk, a folder that cannot be written, a damaged
 * file. SQLite rolls back the transaction that met them, so nothing was half-written. Null for anything else.
 * An I/O error while writing is most often a full or read-only disk; SQLITE_IOERR_WRITE and friends carry no errno,
 * so those stay unexplained rather than guessed.
 */
export function storageFailure(error: unknown): AppError | null {
  if (error instanceof AppError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return null;
  const kind = primary(code);
  if (FULL.has(kind))
    return new AppError('DISK_FULL', `the data folder's disk is full (${code})`, {
      params: { reason: 'database' },
      cause: error,
    });
  if (READ_ONLY.has(kind))
    return new AppError('DATA_FOLDER_READ_ONLY', `the data folder cannot be written (${code})`, { cause: error });
  if (DAMAGED.has(kind))
    return new AppError('DATABASE_DAMAGED', `the data file is damaged (${code})`, { cause: error });
  return null;
}
