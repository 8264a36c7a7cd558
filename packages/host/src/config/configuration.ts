import type { ConfigurationSchema, JsonValue } from '@berth/sdk';

/** The JSON types a setting may have. */
export type SettingType = 'string' | 'number' | 'integer' | 'boolean' | 'array' | 'object';

/**
 * One entry of a manifest's `configuration` block (`"docker_socket": {"type": "string", "default": "…"}`).
 * A structural type, so the manifest's zod type can be passed as is.
 */
export interface SettingDeclaration {
  /** The setting's JSON type. */
  readonly type: SettingType;
  /** The value used when the user saved none. */
  readonly default?: JsonValue | undefined;
  /** One sentence for `berth config list`. */
  readonly description?: string | undefined;
  /** The allowed values. */
  readonly enum?: readonly JsonValue[] | undefined;
  /** The smallest allowed number. */
  readonly minimum?: number | undefined;
  /** The largest allowed number. */
  readonly maximum?: number | undefined;
  /** A regular expression (ECMAScript, unanchored, as in JSON Schema) a string must match. */
  readonly pattern?: string | undefined;
  /** For arrays: the schema of each item (a declaration without `default`, `required` or `secret` semantics). */
  readonly items?: SettingItems | undefined;
  /** True when the plugin cannot start without a value (saved or default). */
  readonly required?: boolean | undefined;
  /** True for credentials: saved apart (mode 0600) and shown as `********`. */
  readonly secret?: boolean | undefined;
}

/** The schema of an array setting's items. */
export interface SettingItems {
  /** The item's JSON type. */
  readonly type: SettingType;
  /** The allowed item values. */
  readonly enum?: readonly JsonValue[] | undefined;
  /** The smallest allowed number. */
  readonly minimum?: number | undefined;
  /** The largest allowed number. */
  readonly maximum?: number | undefined;
  /** A regular expression a string item must match. */
  readonly pattern?: string | undefined;
}

/** A manifest's `configuration` block: setting name → declaration. */
export type ConfigurationBlock = Readonly<Record<string, SettingDeclaration>>;

/** Compile-time proof that the manifest's parsed `configuration` (the SDK's zod type) is accepted as is. */
type ManifestBlockFits = ConfigurationSchema extends ConfigurationBlock ? true : false;
const manifestBlockFits: ManifestBlockFits = true;
void manifestBlockFits;
