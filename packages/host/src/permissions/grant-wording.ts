// The catalogue alone (no zod): the control client, which re-exports this, loads in a few milliseconds.
import { permissionInfo, type PermissionRisk } from '@berth/sdk/permission-catalogue';
import type { SavedGrant } from '../config/host-config.js';
import { grantLabel } from '../control/grant-label.js';
import { networkScopeProblem, parseNetworkScope } from '../network/scope.js';

/** One grant in plain words, as approval prompts show it (the CLI's `plugins install`, the web console). */
export interface GrantWording {
  /** `filesystem.read (${workspace}, /data)`. */
  readonly label: string;
  /** The permission's risk, when it is a known one. */
  readonly risk?: PermissionRisk;
  /** What it allows. */
  readonly description?: string;
  /** What it allows when granted without a scope (only for unscoped grants of permissions that take one). */
  readonly unscoped?: string;
  /** For a scoped network grant: which ports it opens (entries without a port open every port, loopback said loudest). */
  readonly note?: string;
}

/** A grant with what it allows and its risk, from the permission catalogue. */
export function grantWording(grant: SavedGrant): GrantWording {
  const info = permissionInfo(grant.permission);
  const label = grantLabel(grant);
  if (info === undefined) return { label };
  return {
    label,
    risk: info.risk,
    description: info.description,
    ...(grant.scope === undefined && info.unscoped !== undefined ? { unscoped: info.unscoped } : {}),
    ...(networkNote(grant) !== undefined ? { note: networkNote(grant) } : {}),
  };
}

/** For a scoped network grant: entries without a port allow every port of that host (say so, loopback loudest). */
function networkNote(grant: SavedGrant): string | undefined {
  if (grant.permission !== 'network' || grant.scope === undefined) return undefined;
  const portless = grant.scope.filter((entry) => networkScopeProblem(entry) === undefined && parseNetworkScope(entry).ports === undefined);
  if (portless.length === 0) return 'Only the ports named.';
  const local = portless.filter((entry) => /^(localhost|127\.|\[?::1\]?$)/i.test(entry));
  return `Every port of: ${portless.join(', ')}${local.length > 0 ? ` (on this machine: every local service — prefer ${local[0]}:<port>)` : ''}.`;
}
