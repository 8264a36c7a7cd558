import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { ErrorCodes } from '@berth/sdk';
import type { ManifestProblem } from '@berth/sdk';
import { renderValue } from './describe-value.js';
import { isPlainFileNow } from './fast-fs.js';

/** Where `main` really is, or why it cannot be used. */
export type MainFileCheck = { readonly ok: true; readonly mainPath: string } | { readonly ok: false; readonly problem: ManifestProblem };

/** True when `child` is `parent` or lies below it (both absolute, normalised). */
function isInside(child: string, parent: string): boolean {
  const relative = path.relative(parent, child);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/**
 * Checks that `main` names an existing file inside the plugin folder, following symlinks (a link that leads
 * outside the folder is refused). The common case, a plain file directly in the folder (`"index.js"`), costs one
 * `lstat`; anything else a `realpath` and a `stat`, run in parallel.
 */
export async function checkMainFile(file: string, pluginDir: string, main: string): Promise<MainFileCheck> {
  const dir = path.resolve(pluginDir);
  const target = path.resolve(dir, main);
  if (path.dirname(target) === dir && isPlainFile(target)) return { ok: true, mainPath: target };
  const problem = (message: string, hint: string): MainFileCheck => ({
    ok: false,
    problem: { file, path: '/main', code: ErrorCodes.MAIN_MISSING, found: renderValue(main), message, hint },
  });
  let real: string;
  let isFile: boolean;
  try {
    const [resolved, stats] = await Promise.all([realpath(target), stat(target)]);
    real = resolved;
    isFile = stats.isFile();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') return problem(`${renderValue(main)} is a symlink loop`, 'point "main" at a real file');
    return problem(
      `${renderValue(main)} does not exist in ${pluginDir}${code !== undefined && code !== 'ENOENT' ? ` (${code})` : ''}`,
      'build the plugin (e.g. npm run build) or correct "main"',
    );
  }
  if (!isInside(real, dir) && !isInside(real, await realpath(dir))) {
    return problem(
      `${renderValue(main)} resolves to ${real}, outside the plugin folder ${pluginDir} (through a symlink)`,
      'copy the entry module into the plugin folder instead of linking to it',
    );
  }
  if (!isFile) return problem(`${renderValue(main)} is not a file`, 'point "main" at the entry module file, e.g. "dist/index.js"');
  return { ok: true, mainPath: real };
}

/** True when `target` is a regular file and not a symlink (one `lstat`; false on any error). */
function isPlainFile(target: string): boolean {
  try {
    return isPlainFileNow(target);
  } catch {
    return false;
  }
}
