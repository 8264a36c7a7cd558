import { permissionInfo } from '@berth/sdk';
import type { SavedGrant } from '@berth/host';

/** One grant as a user reads it: `filesystem.read (${workspace}, /data)`. */
export function grantLabel(grant: SavedGrant): string {
  return grant.scope !== undefined ? `${grant.permission} (${grant.scope.join(', ')})` : grant.permission;
}

/** A grant with what it allows and its risk, for approval prompts. */
export function describeGrant(grant: SavedGrant): string {
  const info = permissionInfo(grant.permission);
  if (info === undefined) return `  - ${grantLabel(grant)}`;
  const unscoped = grant.scope === undefined && info.unscoped !== undefined ? ` Unscoped: ${info.unscoped}.` : '';
  return `  - ${grantLabel(grant)} [risk: ${info.risk}]\n      ${info.description}${unscoped}`;
}

const list = (values: readonly string[]): string => values.join(', ');

/**
 * One grant in plain words, as the approval of an added server shows it: what exactly the server may do, with the
 * scope spelled out (`connect to 127.0.0.1:5432 only`).
 */
export function plainGrant(grant: SavedGrant): string {
  const scope = grant.scope;
  switch (grant.permission) {
    case 'filesystem.read':
      return scope === undefined ? 'read its own folders only' : `read files and list folders in ${list(scope)} (and nowhere else)`;
    case 'filesystem.write':
      return scope === undefined ? 'write in its data folder only' : `create, change and delete files in ${list(scope)}`;
    case 'network':
      return scope === undefined ? 'connect to any computer on the network or the internet' : `connect to ${list(scope)} only (no other host or port)`;
    case 'env':
      return scope === undefined ? 'read every environment variable of yours' : `read the environment variable${scope.length > 1 ? 's' : ''} ${list(scope)}`;
    case 'process.spawn':
      return scope === undefined ? 'start other programs, inside its sandbox' : `start ${list(scope)} (and no other program), inside its sandbox`;
    default:
      return permissionInfo(grant.permission)?.description ?? grant.permission;
  }
}
