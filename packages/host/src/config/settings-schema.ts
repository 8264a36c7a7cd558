import type { JsonSchema, JsonValue } from '@berth/sdk';
import type { ConfigurationBlock, SettingDeclaration, SettingItems } from './configuration.js';

/**
 * The JSON Schema (draft-07) of a plugin's settings object, built from its manifest's `configuration` block.
 * Each declared setting becomes a property (`type`, `enum`, `minimum`, `maximum`, `pattern`, `items`, `description`,
 * `default`, and the `secret` annotation); undeclared settings are refused (`additionalProperties: false`).
 * `required` is not part of the schema: it is checked on effective values (saved or default), see
 * `SettingsSchema.effective`.
 */
export function settingsSchema(configuration: ConfigurationBlock): JsonSchema {
  const properties: Record<string, JsonValue> = {};
  for (const [name, declaration] of Object.entries(configuration)) {
    properties[name] = settingProperty(declaration);
  }
  return { type: 'object', properties, additionalProperties: false };
}

/** The JSON Schema of one setting. */
export function settingProperty(declaration: SettingDeclaration): JsonSchema {
  const schema: JsonSchema = itemProperty(declaration);
  if (declaration.items !== undefined) schema['items'] = itemProperty(declaration.items);
  if (declaration.description !== undefined) schema['description'] = declaration.description;
  if (declaration.default !== undefined) schema['default'] = declaration.default;
  if (declaration.secret === true) schema['secret'] = true;
  return schema;
}

function itemProperty(items: SettingItems): JsonSchema {
  const schema: JsonSchema = { type: items.type };
  if (items.enum !== undefined) schema['enum'] = [...items.enum];
  if (items.minimum !== undefined) schema['minimum'] = items.minimum;
  if (items.maximum !== undefined) schema['maximum'] = items.maximum;
  if (items.pattern !== undefined) schema['pattern'] = items.pattern;
  return schema;
}

/** In words, what a setting expects: `integer between 1 and 65535`, `one of "a", "b"`, `string matching ^x`. */
export function describeExpected(declaration: SettingDeclaration | SettingItems): string {
  if (declaration.enum !== undefined) {
    return `one of ${declaration.enum.map((v) => JSON.stringify(v)).join(', ')}`;
  }
  const { type, minimum, maximum, pattern } = declaration;
  if (minimum !== undefined && maximum !== undefined) return `${type} between ${minimum} and ${maximum}`;
  if (minimum !== undefined) return `${type} >= ${minimum}`;
  if (maximum !== undefined) return `${type} <= ${maximum}`;
  if (pattern !== undefined) return `${type} matching /${pattern}/`;
  if (type === 'array' && 'items' in declaration && declaration.items !== undefined) {
    return `array of ${describeExpected(declaration.items)}`;
  }
  return type;
}
