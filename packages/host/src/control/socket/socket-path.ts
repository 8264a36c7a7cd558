import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import envPaths from 'env-paths';

/**
 * The folder of control sockets: `$XDG_RUNTIME_DIR/berth` (the user's runtime folder, private by definition),
 * else env-paths' temporary folder for berth (`<tmp>/<user>/berth`), 0700.
 */
export function controlSocketDir(env: Readonly<Record<string, string | undefined>> = process.env): string {
  const runtime = env['XDG_RUNTIME_DIR'];
  if (runtime !== undefined && runtime !== '' && path.isAbsolute(runtime)) return path.join(runtime, 'berth');
  return envPaths('berth', { suffix: '' }).temp;
}

/**
 * The control socket of the `berth serve` using `dataDir`: one per data folder, named by a hash of its absolute
 * path (a socket path must stay under ~100 bytes).
 */
export function controlSocketPath(dataDir: string, env: Readonly<Record<string, string | undefined>> = process.env): string {
  const hash = createHash('sha256').update(path.resolve(dataDir)).digest('hex').slice(0, 16);
  return path.join(controlSocketDir(env), `control-${hash}.sock`);
}

/**
 * Creates the socket folder (0700) and checks it is private (see {@link checkPrivateDir}).
 */
export function ensurePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  checkPrivateDir(dir);
}

/**
 * Checks a socket folder is this user's and private, and that nobody else can replace it: another user's folder,
 * one others can write to, or one inside a folder another user owns or may write to without the sticky bit (they
 * could rename ours away and put their own folder, with their own socket, in its place) could hold a socket
 * someone else listens on. Throws an `Error` naming the folder and what is wrong.
 */
export function checkPrivateDir(dir: string): void {
  const stat = fs.lstatSync(dir);
  const uid = process.getuid?.();
  if (!stat.isDirectory() || (uid !== undefined && stat.uid !== uid) || (stat.mode & 0o077) !== 0) {
    throw new Error(`the control socket folder ${dir} is not a private folder of this user (it must be a directory, owned by uid ${String(uid)}, mode 0700)`);
  }
  if (uid === undefined) return;
  for (let parent = path.dirname(fs.realpathSync(dir)); ; parent = path.dirname(parent)) {
    const up = fs.statSync(parent);
    if (up.uid !== uid && up.uid !== 0) {
      throw new Error(`the control socket folder ${dir} lies in ${parent}, owned by uid ${String(up.uid)}: that user could replace it (set XDG_RUNTIME_DIR to a folder of your own)`);
    }
    if ((up.mode & 0o022) !== 0 && (up.mode & 0o1000) === 0) {
      throw new Error(`the control socket folder ${dir} lies in ${parent}, writable by other users without the sticky bit: they could replace it (set XDG_RUNTIME_DIR to a folder of your own)`);
    }
    if (parent === path.dirname(parent)) return;
  }
}
