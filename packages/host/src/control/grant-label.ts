import type { SavedGrant } from '../config/host-config.js';

/** One grant as a user reads it: `filesystem.read (${workspace}, /data)`. */
export function grantLabel(grant: SavedGrant): string {
  return grant.scope !== undefined ? `${grant.permission} (${grant.scope.join(', ')})` : grant.permission;
}
