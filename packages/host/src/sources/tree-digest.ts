import { createHash } from 'node:crypto';
import { lstat, readdir, readFile, readlink } from 'node:fs/promises';
import path from 'node:path';

/** Each file of a tree by its path relative to the tree (`/` separated): `sha512-…` for a file, `link:<target>` for a symlink. */
export type TreeDigest = Readonly<Record<string, string>>;

async function walk(root: string, relative: string, out: Record<string, string>): Promise<void> {
  const entries = await readdir(path.join(root, relative), { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const rel = relative === '' ? entry.name : `${relative}/${entry.name}`;
    const full = path.join(root, rel);
    if (entry.isSymbolicLink()) out[rel] = `link:${await readlink(full)}`;
    else if (entry.isDirectory()) await walk(root, rel, out);
    else if (entry.isFile()) out[rel] = `sha512-${createHash('sha512').update(await readFile(full)).digest('base64')}`;
    else out[rel] = `other:${(await lstat(full)).mode.toString(8)}`;
  }
}

/** The digest of every file under `root` (symlinks are recorded, not followed). */
export async function digestTree(root: string): Promise<TreeDigest> {
  const out: Record<string, string> = {};
  await walk(root, '', out);
  return out;
}

/** The first difference between a recorded digest and the tree now, or undefined when they match. */
export function firstDifference(recorded: TreeDigest, now: TreeDigest): { file: string; change: 'changed' | 'missing' | 'added' } | undefined {
  for (const [file, hash] of Object.entries(recorded)) {
    if (!(file in now)) return { file, change: 'missing' };
    if (now[file] !== hash) return { file, change: 'changed' };
  }
  for (const file of Object.keys(now)) if (!(file in recorded)) return { file, change: 'added' };
  return undefined;
}

/** One sha512 over a whole digest: a short fingerprint of the tree. */
export function treeIntegrity(digest: TreeDigest): string {
  const hash = createHash('sha512');
  for (const [file, value] of Object.entries(digest)) hash.update(`${file}\0${value}\n`);
  return `sha512-${hash.digest('base64')}`;
}
