import { realpathSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';

/** The Docker socket paths no mount may expose, besides the configured one. */
export const WELL_KNOWN_SOCKETS = ['/var/run/docker.sock', '/run/docker.sock'] as const;

/** The real path of `path` (symlinks resolved); for a path that does not exist yet, its nearest existing parent's. */
export function realPath(path: string): string {
  const absolute = resolve(path);
  try {
    return realpathSync(absolute);
  } catch {
    const parent = dirname(absolute);
    if (parent === absolute) return absolute;
    return resolve(realPath(parent), relative(parent, absolute));
  }
}

/** True when `child` is `parent` or inside it (both absolute, already resolved). */
export function isWithin(child: string, parent: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/** The root folder under `roots` that holds `path`, or undefined. */
export function rootHolding(path: string, roots: readonly string[]): string | undefined {
  const real = realPath(path);
  return roots.find((root) => isWithin(real, realPath(root)));
}

/** True when exposing `path` would expose one of `sockets` (it is the socket, or a folder holding it). */
export function exposesSocket(path: string, sockets: readonly string[]): boolean {
  const real = realPath(path);
  return sockets.some((socket) => isWithin(realPath(socket), real) || isWithin(socket, real));
}
