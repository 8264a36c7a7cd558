/** The shapes the console's API answers with (the host's data types, as JSON). */

/** A saved grant. */
export interface Grant {
  readonly permission: string;
  readonly scope?: readonly string[];
}

/** An error as data. */
export interface ErrorData {
  readonly code: string;
  readonly message: string;
}

/** `PluginInfo`. */
export interface PluginInfo {
  readonly name: string;
  readonly description?: string;
  readonly version?: string;
  readonly type?: string;
  readonly state: string;
  readonly root: string;
  readonly dir: string;
  readonly tier?: string;
  readonly reason?: ErrorData;
  readonly missingPermissions?: readonly Grant[];
  readonly reloadError?: ErrorData;
  readonly pendingReload?: { readonly version: string; readonly missingPermissions: readonly Grant[] };
}

/** An approval waiting. */
export interface Approval {
  readonly kind: 'plugin' | 'reload';
  readonly plugin: string;
  readonly version?: string;
  readonly running?: string;
  readonly permissions: readonly { readonly label: string; readonly risk?: string; readonly description?: string; readonly unscoped?: string; readonly grant: Grant }[];
}

/** `PermissionsView`. */
export interface PermissionsView {
  readonly plugin: string;
  readonly requested: readonly Grant[];
  readonly granted: readonly Grant[];
  readonly missing: readonly Grant[];
  readonly coreDefault: boolean;
}

/** `SettingView`. */
export interface SettingView {
  readonly key: string;
  readonly value?: unknown;
  readonly source: 'saved' | 'default';
  readonly secret: boolean;
  readonly description: string;
}

/** A tool, with its input schema. */
export interface ToolView {
  readonly id: string;
  readonly plugin: string;
  readonly name: string;
  readonly description: string;
  readonly source: string;
  readonly inputSchema: Record<string, unknown>;
}

/** An audit record. */
export interface AuditRecord {
  readonly time: string;
  readonly plugin: string;
  readonly permission: string;
  readonly target?: string;
  readonly allowed: boolean;
  readonly source?: string;
  readonly detail?: string;
}

/** The health of one plugin. */
export interface PluginHealth {
  readonly plugin: string;
  readonly state: string;
  readonly tier?: string;
  readonly pid?: number;
  readonly restarts: number;
  readonly points: readonly { readonly t: number; readonly cpu: number; readonly rssMiB: number }[];
}
