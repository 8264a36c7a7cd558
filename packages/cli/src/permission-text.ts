import { permissionInfo } from '@berth/sdk';
import { networkScopeProblem, parseNetworkScope } from '@berth/host';
import { grantLabel, type SavedGrant } from '@berth/host/control';

export { grantLabel };

/** A grant with what it allows and its risk, for approval prompts. */
export function describeGrant(grant: SavedGrant): string {
  const info = permissionInfo(grant.permission);
  if (info === undefined) return `  - ${grantLabel(grant)}`;
  const unscoped = grant.scope === undefined && info.unscoped !== undefined ? ` Unscoped: ${info.unscoped}.` : '';
  return `  - ${grantLabel(grant)} [risk: ${info.risk}]\n      ${info.description}${unscoped}${networkNote(grant)}`;
}

/** For a scoped network grant: entries without a port allow every port of that host (say so, loopback loudest). */
function networkNote(grant: SavedGrant): string {
  if (grant.permission !== 'network' || grant.scope === undefined) return '';
  const portless = grant.scope.filter((entry) => networkScopeProblem(entry) === undefined && parseNetworkScope(entry).ports === undefined);
  if (portless.length === 0) return ' Only the ports named.';
  const local = portless.filter((entry) => /^(localhost|127\.|\[?::1\]?$)/i.test(entry));
  return ` Every port of: ${portless.join(', ')}${local.length > 0 ? ` (on this machine: every local service — prefer ${local[0]}:<port>)` : ''}.`;
}
