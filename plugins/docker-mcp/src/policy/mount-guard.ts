import { isAbsolute } from 'node:path';
import { DockerPolicyError } from '@berth/sdk';
import { PLUGIN_NAME } from '../settings.js';
import { exposesSocket, realPath, rootHolding } from './paths.js';

/**
 * Checks a host path the plugin would expose or read (a bind mount's source, a copy's source or destination, a
 * build context): it must be absolute, not `/`, not the Docker socket or a folder holding it, and inside one of
 * `allowedRoots`. Returns its real path; throws {@link DockerPolicyError} naming `field`.
 */
export function assertHostPathAllowed(
  hostPath: string,
  field: string,
  allowedRoots: readonly string[],
  sockets: readonly string[],
): string {
  const refuse = (why: string): never => {
    throw new DockerPolicyError(PLUGIN_NAME, `host path '${hostPath}' (${field})`, why, field);
  };
  if (!isAbsolute(hostPath)) refuse('host paths must be absolute');
  const real = realPath(hostPath);
  if (real === '/') refuse("mounting or reading the host's root folder '/' is refused");
  if (exposesSocket(real, sockets)) refuse('it is, or holds, the Docker socket, which would hand out control of the engine');
  if (rootHolding(real, allowedRoots) === undefined) {
    const roots = allowedRoots.length > 0 ? allowedRoots.join(', ') : 'none configured';
    refuse(`it is outside the allowed roots (${roots}); add its folder to the allowed_roots setting`);
  }
  return real;
}
