import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { ConfigInvalidError, ConfigMissingError, type JsonSchema, type JsonValue } from '@berth/sdk';
import type { ConfigurationBlock } from './configuration.js';
import { describeExpected, settingsSchema } from './settings-schema.js';

const ajv = new Ajv({ strict: true, allErrors: false, useDefaults: false, coerceTypes: false });
ajv.addKeyword({ keyword: 'secret', schemaType: 'boolean' });

/** Compiled validators, one per plugin version (and schema text, so a dev reload at one version recompiles). */
const compiled = new Map<string, SettingsSchema>();
const MAX_COMPILED = 512;

/** Plain settings as saved or effective: setting name → value. */
export type SettingsValues = Readonly<Record<string, JsonValue>>;

/**
 * A plugin version's settings: its `configuration` block compiled once with ajv. Validates single values, computes
 * effective values (saved, else default; required ones must have one) and knows which settings are secret.
 * Get one with {@link SettingsSchema.for}.
 */
export class SettingsSchema {
  /** The plugin's JSON Schema for its settings object (see `settingsSchema`). */
  readonly jsonSchema: JsonSchema;
  private readonly check: ValidateFunction;

  private constructor(
    /** The plugin's name. */
    readonly plugin: string,
    /** The plugin's version. */
    readonly version: string,
    /** The manifest's `configuration` block. */
    readonly configuration: ConfigurationBlock,
    jsonSchema: JsonSchema,
  ) {
    this.jsonSchema = jsonSchema;
    this.check = ajv.compile(jsonSchema);
  }

  /** The compiled settings of `plugin@version` (compiled on first use, then cached). */
  static for(plugin: string, version: string, configuration: ConfigurationBlock | undefined): SettingsSchema {
    const jsonSchema = settingsSchema(configuration ?? {});
    const key = `${plugin}@${version}\n${JSON.stringify(jsonSchema)}`;
    const hit = compiled.get(key);
    if (hit !== undefined) return hit;
    const made = new SettingsSchema(plugin, version, configuration ?? {}, jsonSchema);
    compiled.set(key, made);
    evictOldest();
    return made;
  }

  /** The declared setting names. */
  get names(): string[] {
    return Object.keys(this.configuration);
  }

  /** True when `setting` is declared `secret: true`. */
  isSecret(setting: string): boolean {
    return this.configuration[setting]?.secret === true;
  }

  /**
   * Throws {@link ConfigInvalidError} unless `value` is valid for `setting` (and `setting` is declared).
   * @param file - the file the value was read from, named in the error
   */
  validate(setting: string, value: JsonValue, file?: string): void {
    if (this.check({ [setting]: value })) return;
    const error = this.check.errors?.[0];
    throw this.invalid(setting, error, file);
  }

  /**
   * The effective settings: each declared setting's saved value (validated), else its default. Undeclared saved
   * settings are left out. Throws {@link ConfigMissingError} for a required setting with neither, and
   * {@link ConfigInvalidError} for an invalid saved value.
   */
  effective(saved: SettingsValues | undefined, file?: string): Record<string, JsonValue> {
    const values: Record<string, JsonValue> = {};
    for (const [name, declaration] of Object.entries(this.configuration)) {
      const own = saved !== undefined && Object.hasOwn(saved, name) ? saved[name] : undefined;
      if (own !== undefined) this.validate(name, own, file);
      const value = own ?? declaration.default;
      if (value !== undefined) values[name] = structuredClone(value);
      else if (declaration.required === true) throw new ConfigMissingError(this.plugin, name, declaration.description);
    }
    return values;
  }

  private invalid(setting: string, error: ErrorObject | undefined, file: string | undefined): ConfigInvalidError {
    const declaration = this.configuration[setting];
    if (declaration === undefined) {
      const known = this.names.length > 0 ? this.names.join(', ') : 'none';
      return new ConfigInvalidError({
        plugin: this.plugin,
        setting,
        problem: `plugin '${this.plugin}' has no setting '${setting}' (its settings: ${known})`,
        ...(file !== undefined ? { file } : {}),
      });
    }
    const at = error?.instancePath.replace(`/${escapePointer(setting)}`, '') ?? '';
    const problem = `${at !== '' ? `item ${at.slice(1)} ` : ''}${error?.message ?? 'is invalid'}`;
    return new ConfigInvalidError({
      plugin: this.plugin,
      setting,
      problem,
      expected: describeExpected(declaration),
      ...(file !== undefined ? { file } : {}),
    });
  }
}

function escapePointer(segment: string): string {
  return segment.replaceAll('~', '~0').replaceAll('/', '~1');
}

function evictOldest(): void {
  while (compiled.size > MAX_COMPILED) {
    const oldest = compiled.keys().next().value;
    if (oldest === undefined) return;
    const schema = compiled.get(oldest);
    compiled.delete(oldest);
    if (schema !== undefined) ajv.removeSchema(schema.jsonSchema);
  }
}
