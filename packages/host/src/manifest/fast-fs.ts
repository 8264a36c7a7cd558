import fs from 'node:fs';

/** The most a manifest may hold: settings, permissions and schemas, never data. */
export const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

/** An error with an errno-style `code`, as `fs` throws them. */
function fsError(code: string, message: string): NodeJS.ErrnoException {
  return Object.assign(new Error(message), { code });
}

/**
 * The text (utf8) of a small file, read synchronously: open, fstat, read, close of a manifest take a few µs each
 * here, while each trip through the thread pool and back costs several times that — for 1,000 manifests 14–20 ms
 * against 37–69 ms with callbacks (and more with `fs/promises`) on this machine kind; a handful of plugins block the
 * event loop for well under a millisecond. Opened non-blocking, so a FIFO named `plugin.json` cannot hang the host,
 * and refused unless it is a regular file of at most `maxBytes` (codes `EISDIR`, `ENOTREG`, `EFBIG`).
 */
export function readSmallFileNow(file: string, maxBytes = MAX_MANIFEST_BYTES): string {
  const fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  try {
    const stat = fs.fstatSync(fd);
    if (stat.isDirectory()) throw fsError('EISDIR', `${file} is a folder`);
    if (!stat.isFile()) throw fsError('ENOTREG', `${file} is not a regular file`);
    if (stat.size > maxBytes) throw fsError('EFBIG', `${file} holds ${stat.size} bytes, more than ${maxBytes}`);
    const buffer = Buffer.allocUnsafe(stat.size);
    let filled = 0;
    while (filled < stat.size) {
      const read = fs.readSync(fd, buffer, filled, stat.size - filled, filled);
      if (read === 0) break;
      filled += read;
    }
    return buffer.toString('utf8', 0, filled);
  } finally {
    fs.closeSync(fd);
  }
}

/** {@link readSmallFileNow} as a promise (rejected with its error), for the manifest loader's async flow. */
export function readText(file: string): Promise<string> {
  try {
    return Promise.resolve(readSmallFileNow(file));
  } catch (error) {
    return Promise.reject(error as Error);
  }
}

/**
 * True when `file` is a regular file and not a symlink. Synchronous on purpose: one `lstat` of a cached inode takes a
 * few microseconds, while a trip through the thread pool and back costs several times that (measured on
 * `bench/discovery.bench.js`: 1,000 manifests 90 → 75 ms). False on any error.
 */
export function isPlainFileNow(file: string): boolean {
  return fs.lstatSync(file, { throwIfNoEntry: false })?.isFile() ?? false;
}
