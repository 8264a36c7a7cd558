import { permissionInfo } from '@berth/sdk/permission-catalogue';
import { grantLabel, grantWording, type SavedGrant } from '@berth/host/control';

export { grantLabel };

/** A grant with what it allows and its risk, for approval prompts (the wording is the host's, shared with the web console). */
export function describeGrant(grant: SavedGrant): string {
  const wording = grantWording(grant);
  if (wording.risk === undefined) return `  - ${wording.label}`;
  const unscoped = wording.unscoped !== undefined ? ` Unscoped: ${wording.unscoped}.` : '';
  return `  - ${wording.label} [risk: ${wording.risk}]\n      ${wording.description ?? ''}${unscoped}${wording.note !== undefined ? ` ${wording.note}` : ''}`;
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
