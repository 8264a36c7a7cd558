import path from 'node:path';
import { ErrorCodes } from '@berth/sdk';
import { renderValue } from '../describe-value.js';
import { addError } from '../problem.js';
import type { ManifestRule } from './rule.js';

/** Where `main` points, as far as can be told without the file system: relative, inside the plugin folder. */
export const mainPath: ManifestRule = (context) => {
  const main = context.raw['main'];
  if (typeof main !== 'string' || main === '') return;
  const problem = describeEscape(main);
  if (problem === undefined) return;
  context.own('/main');
  addError(context.sink, {
    path: '/main',
    code: ErrorCodes.MAIN_MISSING,
    found: renderValue(main),
    message: `${renderValue(main)} ${problem}`,
    expected: 'a path inside the plugin folder, e.g. "index.js" or "dist/index.js"',
    hint: 'put the entry module inside the plugin folder and name it relative to plugin.json',
  });
};

/** Why `main` cannot name a file inside the plugin folder, or `undefined` when it can. */
export function describeEscape(main: string): string | undefined {
  if (main.includes('\0')) return 'contains a NUL character';
  if (path.isAbsolute(main) || path.win32.isAbsolute(main)) return 'is an absolute path';
  const normal = path.posix.normalize(main.replaceAll('\\', '/'));
  if (normal === '..' || normal.startsWith('../')) return 'leaves the plugin folder';
  if (normal === '.' || normal.endsWith('/')) return 'names a folder, not a file';
  return undefined;
}
