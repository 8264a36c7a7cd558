import type { JsonValue } from '@berth/sdk';
import type { SettingsSchema } from './settings-validator.js';

/**
 * A setting's value from command-line text (`berth config set <plugin> <key> <text>`): taken as is for string settings
 * (and undeclared ones), else read as JSON (`8080`, `true`, `["a","b"]`), else taken as is so that validation reports
 * the type error. Validate the result with `SettingsSchema.validate`.
 */
export function parseSettingValue(schema: SettingsSchema, key: string, text: string): JsonValue {
  const type = schema.configuration[key]?.type;
  if (type === undefined || type === 'string') return text;
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return text;
  }
}
