import { posix } from 'node:path';
import { SandboxPathDeniedError } from '@berth/sdk';
import { WORKSPACE } from './sandbox.js';
import { PLUGIN_NAME } from './settings.js';

/**
 * The absolute path inside a sandbox that the file tools may touch: relative paths are taken from the workspace;
 * `..` may not leave it; absolute paths must lie within it. (Symlinks are resolved by each backend, inside the
 * sandbox's own view.)
 */
export function workspacePath(path: string): string {
  const absolute = posix.normalize(path.startsWith('/') ? path : posix.join(WORKSPACE, path));
  const trimmed = absolute.length > 1 ? absolute.replace(/\/+$/, '') : absolute;
  if (trimmed !== WORKSPACE && !trimmed.startsWith(`${WORKSPACE}/`)) {
    throw new SandboxPathDeniedError(
      PLUGIN_NAME,
      path,
      `the file tools reach only the workspace (${WORKSPACE}); use a path inside it, or exec for anything else`,
    );
  }
  return trimmed;
}
