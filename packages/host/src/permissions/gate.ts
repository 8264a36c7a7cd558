/** One decision at the boundary, as the audit log records it. */
export interface PermissionDecision {
  /** ISO time of the decision. */
  readonly time: string;
  /** The plugin that asked. */
  readonly plugin: string;
  /** The permission checked (e.g. `filesystem.read`). */
  readonly permission: string;
  /** What was reached (a service id, a path, a host, a Docker endpoint), if any. */
  readonly target?: string;
  /** Whether it was allowed. */
  readonly allowed: boolean;
}

/**
 * The one place host-side code asks whether a plugin holds a permission. Every answer (allowed or denied) is
 * audited. Implemented in `permissions/` from the user's saved grants.
 */
export interface PermissionGate {
  /** True when `plugin` holds `permission` (for `target`, when the permission is scoped). Audited. */
  check(plugin: string, permission: string, target?: string): boolean;
  /** Like {@link PermissionGate.check}, but throws `PermissionDeniedError` when denied. */
  assert(plugin: string, permission: string, target?: string): void;
}
