import { createHash } from 'node:crypto';
import { lstat, readdir, readFile, readlink } from 'node:fs/promises';
import path from 'node:path';

/** Each file of a tree by its path relative to the tree (`/` separated): `sha512-…` for a file, `link:<target>` for a symlink. */
export type TreeDigest = Readonly<Record<string, string>>;

type Found = { readonly rel: string; readonly kind: 'file' | 'link' | 'other' };

async function walk(root: string, relative: string, out: Found[]): Promise<void> {
  const entries = await readdir(path.join(root, relative), { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const rel = relative === '' ? entry.name : `${relative}/${entry.name}`;
    if (entry.isSymbolicLink()) out.push({ rel, kind: 'link' });
    else if (entry.isDirectory()) await walk(root, rel, out);
    else out.push({ rel, kind: entry.isFile() ? 'file' : 'other' });
  }
}

async function digestOf(root: string, found: Found): Promise<string> {
  const full = path.join(root, found.rel);
  if (found.kind === 'link') return `link:${await readlink(full)}`;
  if (found.kind === 'other') return `other:${(await lstat(full)).mode.toString(8)}`;
  return `sha512-${createHash('sha512').update(await readFile(full)).digest('base64')}`;
}

/** Files hashed at once (an installed tree holds thousands of small files). */
const CONCURRENCY = 32;

/** The digest of every file under `root` (symlinks are recorded, not followed), in path order. */
export async function digestTree(root: string): Promise<TreeDigest> {
  const found: Found[] = [];
  await walk(root, '', found);
  const values = new Array<string>(found.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < found.length; i = next++) values[i] = await digestOf(root, found[i] as Found);
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return Object.fromEntries(found.map((f, i) => [f.rel, values[i] as string]));
}

/** The first difference between a recorded digest and the tree now, or undefined when they match. */
export function firstDifference(recorded: TreeDigest, now: TreeDigest): { file: string; change: 'changed' | 'missing' | 'added' } | undefined {
  // Own keys only: `in` would find `constructor` or `toString` on Object.prototype and miss such a file.
  for (const [file, hash] of Object.entries(recorded)) {
    if (!Object.hasOwn(now, file)) return { file, change: 'missing' };
    if (now[file] !== hash) return { file, change: 'changed' };
  }
  for (const file of Object.keys(now)) if (!Object.hasOwn(recorded, file)) return { file, change: 'added' };
  return undefined;
}

/** One sha512 over a whole digest: a short fingerprint of the tree. */
export function treeIntegrity(digest: TreeDigest): string {
  const hash = createHash('sha512');
  for (const [file, value] of Object.entries(digest)) hash.update(`${file}\0${value}\n`);
  return `sha512-${hash.digest('base64')}`;
}
