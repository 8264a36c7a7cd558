import type { JsonValue } from '@berth/sdk';
import type { ConfigurationBlock } from './configuration.js';
import type { SettingsSchema, SettingsValues } from './settings-validator.js';

/** What a secret value is shown as, everywhere. */
export const REDACTED = '********';

/** Something that knows which settings are secret: a {@link SettingsSchema} or a manifest's `configuration` block. */
export type SecretSource = Pick<SettingsSchema, 'isSecret'> | ConfigurationBlock | undefined;

/** True when `setting` is secret according to `schema`. */
export function isSecretSetting(setting: string, schema: SecretSource): boolean {
  if (schema === undefined) return false;
  if (typeof schema.isSecret === 'function') return (schema as Pick<SettingsSchema, 'isSecret'>).isSecret(setting);
  const declaration = (schema as ConfigurationBlock)[setting];
  return declaration?.secret === true;
}

/**
 * A copy of `values` safe to print: every secret setting's value replaced by `********`. Use it for every CLI output,
 * log line and error that shows settings.
 */
export function redact(values: SettingsValues, schema: SecretSource): Record<string, JsonValue> {
  const shown: Record<string, JsonValue> = {};
  for (const [name, value] of Object.entries(values)) {
    shown[name] = isSecretSetting(name, schema) ? REDACTED : value;
  }
  return shown;
}

/** One setting's value safe to print: `********` when the setting is secret, else the value. */
export function redactValue(setting: string, value: JsonValue, schema: SecretSource): JsonValue {
  return isSecretSetting(setting, schema) ? REDACTED : value;
}

/**
 * `text` with every occurrence of each secret value replaced by `********` — for free text (a log line, a child's
 * stderr, an upstream error message) that may quote a secret. Values shorter than 4 characters are left alone
 * (replacing them would shred ordinary text); only string and number secrets are searched for.
 */
export function redactText(text: string, secrets: Iterable<JsonValue>): string {
  let shown = text;
  for (const secret of secrets) {
    const needle = typeof secret === 'string' ? secret : typeof secret === 'number' ? String(secret) : undefined;
    if (needle !== undefined && needle.length >= 4) shown = shown.split(needle).join(REDACTED);
  }
  return shown;
}

/** The secret values among `values` (to pass to {@link redactText}, or to a logger's redaction). */
export function secretValues(values: SettingsValues, schema: SecretSource): JsonValue[] {
  return Object.entries(values)
    .filter(([name]) => isSecretSetting(name, schema))
    .map(([, value]) => value);
}
