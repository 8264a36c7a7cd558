import type { SavedGrant } from '../config/host-config.js';

/** Permissions whose unscoped form is narrower than any scope (it means "the plugin's own folders"). */
const UNSCOPED_IS_NARROWEST: ReadonlySet<string> = new Set(['filesystem.read', 'filesystem.write']);

/**
 * Permissions the user may approve *less* of than requested: a plugin asking for the whole network runs once the
 * user grants `network` scoped to some hosts (its other connections are refused and audited). Its request stays
 * visible as narrowed (see {@link narrowedGrants}).
 */
const USER_MAY_NARROW: ReadonlySet<string> = new Set(['network']);

function covered(requested: SavedGrant, granted: readonly SavedGrant[]): SavedGrant | undefined {
  const same = granted.filter((g) => g.permission === requested.permission);
  if (same.length === 0) return requested;
  if (requested.scope === undefined) {
    if (UNSCOPED_IS_NARROWEST.has(requested.permission) || USER_MAY_NARROW.has(requested.permission)) return undefined;
    return same.some((g) => g.scope === undefined) ? undefined : requested;
  }
  if (!UNSCOPED_IS_NARROWEST.has(requested.permission) && same.some((g) => g.scope === undefined)) return undefined;
  const have = new Set(same.flatMap((g) => g.scope ?? []));
  const missing = requested.scope.filter((s) => !have.has(s));
  return missing.length === 0 ? undefined : { permission: requested.permission, scope: missing };
}

/**
 * What `requested` asks for beyond `granted`: the permissions (or the scope entries) not yet approved. Empty when
 * the grant covers the request — a new version asking for more goes to needs-approval showing this difference.
 */
export function diffGrants(requested: readonly SavedGrant[], granted: readonly SavedGrant[]): SavedGrant[] {
  return requested.map((r) => covered(r, granted)).filter((g): g is SavedGrant => g !== undefined);
}

/**
 * What the user approved less of than requested: unscoped requests of a permission the user may narrow, answered
 * by scoped grants only (shown by `berth permissions list`, `berth doctor` and the approval text).
 */
export function narrowedGrants(requested: readonly SavedGrant[], granted: readonly SavedGrant[]): SavedGrant[] {
  return requested.filter((r) => {
    if (r.scope !== undefined || !USER_MAY_NARROW.has(r.permission)) return false;
    const same = granted.filter((g) => g.permission === r.permission);
    return same.length > 0 && same.every((g) => g.scope !== undefined);
  });
}
