import type { Grant } from './types.js';

/** One grant as a user reads it: `filesystem.read (${workspace}, /data)` (the host's `grantLabel`, for the page). */
export function grantLabel(grant: Grant): string {
  return grant.scope !== undefined ? `${grant.permission} (${grant.scope.join(', ')})` : grant.permission;
}
