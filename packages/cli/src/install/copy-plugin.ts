import { cp, lstat, readlink, readdir, symlink, unlink } from 'node:fs/promises';
import path from 'node:path';

/** True when `target` is `root` or lies beneath it. */
function within(root: string, target: string): boolean {
  const relative = path.relative(root, target);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** Every symlink under `dir` (not following links). */
async function symlinksUnder(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isSymbolicLink()) found.push(full);
    else if (entry.isDirectory()) found.push(...(await symlinksUnder(full)));
  }
  return found;
}

/**
 * Copies a plugin folder whole — its `node_modules` included — so the copy runs exactly as the folder did (an npm
 * based MCP server needs its dependency tree). Symlinks are kept as written when they point inside the folder
 * (`node_modules/.bin/*` → `../pkg/bin.js`, so the copy's links reach the copy's files); a link that points outside
 * it (a workspace package, `npm link`) is re-pointed at the same absolute place, as the folder itself reached it.
 */
export async function copyPluginFolder(source: string, target: string): Promise<void> {
  await cp(source, target, { recursive: true, verbatimSymlinks: true, errorOnExist: false, force: true });
  for (const link of await symlinksUnder(target)) {
    const written = await readlink(link);
    const original = path.join(source, path.relative(target, link));
    const resolved = path.resolve(path.dirname(original), written);
    if (path.isAbsolute(written) || within(source, resolved)) continue;
    const kind = (await lstat(resolved).catch(() => undefined))?.isDirectory() === true ? 'dir' : 'file';
    await unlink(link);
    await symlink(resolved, link, kind);
  }
}
