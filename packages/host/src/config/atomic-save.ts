import { chmod, copyFile, link, mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { isCode } from './fs-errors.js';

/** How {@link saveWithPrevious} writes. */
export interface SaveOptions {
  /** The file mode (e.g. `0o600` for secrets); the previous version gets it too. Default: keep the file's mode. */
  readonly mode?: number | undefined;
  /** Whether the file exists now (so it is kept as `<file>.prev` first). */
  readonly exists: boolean;
}

/**
 * Save `text` to `file` so that, whatever moment the process dies at, `file` holds either the old or the new text:
 * the old file is first kept as `<file>.prev` (a hard link, renamed into place; a copy where links are refused), then
 * the new text is written by `write-file-atomic` (temporary file, fsync, rename) and the directory is fsynced.
 */
export async function saveWithPrevious(file: string, text: string, options: SaveOptions): Promise<void> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  if (options.exists) await keepPrevious(file, options.mode);
  await writeFileAtomic(file, text, { fsync: true, ...(options.mode !== undefined ? { mode: options.mode } : {}) });
  await fsyncDirectory(dirname(file));
}

/** `<file>.prev` := the current `file`, atomically. */
async function keepPrevious(file: string, mode: number | undefined): Promise<void> {
  const previous = `${file}.prev`;
  const staging = `${previous}.${process.pid}.${Date.now()}`;
  try {
    await link(file, staging);
  } catch (error) {
    if (isCode(error, 'ENOENT')) return;
    await copyFile(file, staging);
  }
  try {
    if (mode !== undefined) await chmod(staging, mode);
    await rename(staging, previous);
  } finally {
    await rm(staging, { force: true });
  }
}

/** Make a rename in `dir` durable (best effort: some file systems refuse to fsync a directory). */
async function fsyncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r').catch(() => undefined);
  if (handle === undefined) return;
  try {
    await handle.sync();
  } catch {
    // EINVAL/EISDIR on file systems without directory fsync: the data itself was fsynced.
  } finally {
    await handle.close();
  }
}
