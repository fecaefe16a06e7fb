import { randomBytes } from 'node:crypto';
import { open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { AppError } from '../base/app-error';

/** Filesystem failures a person can act on, each with its own code; anything else stays as it was. */
export function fileError(error: unknown, path: string): unknown {
  if (error instanceof AppError) return error;
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT')
    return new AppError('DISK_FULL', `No space left to write ${path}.`, { cause: error });
  if (code && ['EACCES', 'EPERM', 'EROFS', 'ENOENT', 'ENOTDIR', 'EISDIR', 'ENAMETOOLONG', 'EEXIST'].includes(code))
    return new AppError('PATH_UNWRITABLE', `Cannot write ${path} (${code}).`, { cause: error });
  return error;
}

/**
 * Writes a file whole or not at all: the bytes go to a hidden temporary file in
 * the same folder (so the rename cannot cross filesystems), flushed to disk, then
 * renamed over the target. On any failure the temporary file is removed and the
 * target is untouched.
 */
export async function writeFileAtomic(
  path: string,
  chunks: Iterable<Uint8Array> | AsyncIterable<Uint8Array>,
): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.partial`);
  let handle;
  try {
    handle = await open(temp, 'wx');
  } catch (error) {
    throw fileError(error, path);
  }
  try {
    for await (const chunk of chunks) await handle.write(chunk);
    await handle.sync();
    await handle.close();
    handle = null;
    await rename(temp, path);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await rm(temp, { force: true });
    throw fileError(error, path);
  }
}

/** A folder the export may write files into. */
export async function ensureWritableFolder(dir: string): Promise<void> {
  try {
    const info = await stat(dir);
    if (!info.isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
  } catch (error) {
    throw fileError(error, dir);
  }
}
