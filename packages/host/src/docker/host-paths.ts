import { lstatSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { DockerPolicyRefusal } from './decision.js';

/** Docker socket paths always protected, besides the proxy's upstream and its own socket. */
export const WELL_KNOWN_DOCKER_SOCKETS = ['/var/run/docker.sock', '/run/docker.sock'] as const;

/** The real path of `path`; for a path that does not exist yet, its nearest existing parent's, joined with the rest. */
export function realPathOf(path: string): string {
  const absolute = resolve(path);
  try {
    return realpathSync(absolute);
  } catch {
    const parent = dirname(absolute);
    return parent === absolute ? absolute : resolve(realPathOf(parent), relative(parent, absolute));
  }
}

/** True when `child` is `parent` or below it (both absolute and resolved). */
export function isWithin(child: string, parent: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/** True when `path` is a UNIX socket. */
function isSocket(path: string): boolean {
  try {
    return statSync(path).isSocket() || lstatSync(path).isSocket();
  } catch {
    return false;
  }
}

/**
 * Checks a host path a container would see (a bind mount's source): absolute, not `/`, not a UNIX socket, not
 * the Docker socket or a folder holding one of `sockets`, and inside `allowedRoots`. Throws a refusal naming `field`.
 */
export function assertBindSourceAllowed(source: string, field: string, allowedRoots: readonly string[], sockets: readonly string[]): void {
  const refuse = (why: string): never => {
    throw new DockerPolicyRefusal(`the bind mount of '${source}' (${field})`, why);
  };
  if (!isAbsolute(source)) refuse('bind sources must be absolute host paths');
  const real = realPathOf(source);
  if (real === '/') refuse("mounting the host's root folder '/' is never allowed");
  if (isSocket(real)) refuse('mounting a UNIX socket (such as the Docker socket) is never allowed');
  if (sockets.some((socket) => isWithin(realPathOf(socket), real) || isWithin(resolve(socket), real))) {
    refuse('it holds the Docker socket, which would hand out control of the engine');
  }
  if (!allowedRoots.some((root) => isWithin(real, realPathOf(root)))) {
    const roots = allowedRoots.length > 0 ? allowedRoots.join(', ') : 'none are configured';
    refuse(`it is outside the plugin's allowed roots (${roots}); add the folder to the plugin's allowed_roots`);
  }
}
