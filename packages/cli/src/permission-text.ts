import { permissionInfo } from '@berth/sdk';
import { grantLabel, type SavedGrant } from '@berth/host/control';

export { grantLabel };

/** A grant with what it allows and its risk, for approval prompts. */
export function describeGrant(grant: SavedGrant): string {
  const info = permissionInfo(grant.permission);
  if (info === undefined) return `  - ${grantLabel(grant)}`;
  const unscoped = grant.scope === undefined && info.unscoped !== undefined ? ` Unscoped: ${info.unscoped}.` : '';
  return `  - ${grantLabel(grant)} [risk: ${info.risk}]\n      ${info.description}${unscoped}`;
}
