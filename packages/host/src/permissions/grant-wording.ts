import { permissionInfo, type PermissionRisk } from '@berth/sdk';
import type { SavedGrant } from '../config/host-config.js';
import { grantLabel } from '../control/grant-label.js';

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
  };
}
