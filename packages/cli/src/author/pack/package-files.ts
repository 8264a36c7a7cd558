import { readdir } from 'node:fs/promises';
import path from 'node:path';

/** Entries never packed: dependencies are bundled separately, dotfiles and earlier tarballs are not the plugin. */
const isSkipped = (name: string): boolean => name === 'node_modules' || name.startsWith('.') || name.endsWith('.tgz');

/** Files that are always packed when present, whatever `files` says (as npm does). */
const ALWAYS = /^(package\.json|plugin\.json|readme(\..*)?|license(\..*)?|licence(\..*)?|changelog(\..*)?)$/i;

async function walk(dir: string, prefix: string): Promise<string[]> {
  const entries = await readdir(path.join(dir, prefix), { withFileTypes: true });
  const found = await Promise.all(
    entries
      .filter((e) => !isSkipped(e.name))
      .map(async (e) => {
        const rel = path.join(prefix, e.name);
        if (e.isDirectory()) return walk(dir, rel);
        return e.isFile() ? [rel] : [];
      }),
  );
  return found.flat();
}

/**
 * The plugin's own files to pack, relative to `dir`: those `files` in package.json lists (plus package.json,
 * plugin.json, README, LICENSE), or every file but `node_modules`, dotfiles and tarballs when it lists none.
 */
export async function packageFiles(dir: string, files: readonly string[] | undefined): Promise<string[]> {
  const all = await walk(dir, '');
  if (files === undefined) return all.sort();
  const wanted = files.map((f) => path.normalize(f.replace(/^\.\//, '')).replace(/\/$/, ''));
  return all
    .filter((rel) => !rel.includes(path.sep) ? ALWAYS.test(rel) || wanted.includes(rel) : wanted.some((w) => rel === w || rel.startsWith(`${w}${path.sep}`)))
    .sort();
}
