import type { PermissionName } from '../permissions/catalogue.js';

/** A permission entry as a manifest type holds it: a name, or a scoped object naming it. */
export type PermissionEntryShape = PermissionName | { readonly permission: PermissionName };

/** A setting as a manifest type holds it (only what the types need). */
export interface SettingShape {
  /** The JSON type of the value. */
  readonly type: 'string' | 'number' | 'integer' | 'boolean' | 'array' | 'object';
  /** The only values allowed. */
  readonly enum?: readonly (string | number | boolean)[];
  /** For arrays: the items' type. */
  readonly items?: { readonly type: 'string' | 'number' | 'integer' | 'boolean'; readonly enum?: readonly (string | number | boolean)[] };
  /** Whether it has a default (the value is then never undefined). */
  readonly default?: unknown;
  /** Required settings have a value whenever the plugin runs. */
  readonly required?: boolean;
}

/**
 * What `definePlugin<M>` needs of a manifest's type: its permissions and settings, as literal types. `berth types`
 * writes it from `plugin.json` (JSON imports widen strings, so the manifest cannot be imported for this).
 */
export interface ManifestShape {
  /** The `permissions` entries. */
  readonly permissions?: readonly PermissionEntryShape[];
  /** The `configuration` block. */
  readonly configuration?: { readonly [key: string]: SettingShape };
}

/** The permission names a manifest type declares (a union; `never` when it declares none). */
export type DeclaredPermissions<M extends ManifestShape> = M['permissions'] extends readonly (infer E)[]
  ? E extends PermissionName
    ? E
    : E extends { readonly permission: infer P extends PermissionName }
      ? P
      : never
  : never;

/** The setting names a manifest type declares (`never` when it declares none). */
export type DeclaredSettings<M extends ManifestShape> = M['configuration'] extends { readonly [key: string]: SettingShape }
  ? Extract<keyof M['configuration'], string>
  : never;
