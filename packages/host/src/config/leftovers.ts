import { readdir, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Temporaries younger than this may belong to a save in progress in another process and are left alone. */
const LEFTOVER_AGE_MS = 60_000;

/**
 * Remove what saves of `file` left behind when their process was killed mid-save: write-file-atomic's temporary files
 * (`<file>.<number>`) and `.prev` staging links (`<file>.prev.<pid>.<time>`), once older than a minute. Never touches
 * `<file>.prev`, `<file>.lock` or kept-aside `<file>.corrupt-*` copies. Best effort.
 */
export async function removeLeftovers(file: string, now = Date.now()): Promise<string[]> {
  const dir = dirname(file);
  const base = escapeRegExp(basename(file));
  const leftover = new RegExp(`^${base}\\.(\\d+|prev\\.\\d+\\.\\d+)$`, 'u');
  const names = await readdir(dir).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const name of names.filter((n) => leftover.test(n))) {
    const path = join(dir, name);
    const info = await stat(path).catch(() => undefined);
    if (info === undefined || now - info.mtimeMs < LEFTOVER_AGE_MS) continue;
    await rm(path, { force: true });
    removed.push(path);
  }
  return removed;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
}
