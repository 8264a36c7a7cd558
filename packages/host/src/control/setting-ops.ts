import { SettingNotFoundError, type JsonValue } from '@berth/sdk';
import { parseSettingValue } from '../config/parse-value.js';
import { redactValue } from '../config/redact.js';
import type { SettingsSchema } from '../config/settings-validator.js';
import type { PluginHost } from '../lifecycle/plugin-host.js';
import type { SettingInput, SettingView } from './types.js';

/** The plugin's settings schema, after checking it declares `key`. */
export function declaredSetting(host: PluginHost, plugin: string, key: string): SettingsSchema {
  const schema = host.settingsSchemaOf(plugin);
  if (!schema.names.includes(key)) throw new SettingNotFoundError(plugin, key, schema.names);
  return schema;
}

/** One setting as shown: its effective value (redacted when secret), saved or default. */
export function settingView(host: PluginHost, plugin: string, key: string, schema: SettingsSchema): SettingView {
  const saved = host.config.getPluginSettings(plugin);
  const value = host.config.getPluginSettings(plugin, schema)[key];
  return {
    key,
    ...(value !== undefined ? { value: redactValue(key, value, schema) } : {}),
    source: Object.hasOwn(saved, key) ? 'saved' : 'default',
    secret: schema.isSecret(key),
    description: schema.configuration[key]?.description ?? '',
  };
}

/** Every setting of a plugin. */
export function settingViews(host: PluginHost, plugin: string): SettingView[] {
  const schema = host.settingsSchemaOf(plugin);
  return schema.names.map((key) => settingView(host, plugin, key, schema));
}

/** Validates and saves a setting (nothing is written if invalid). */
export async function saveSetting(host: PluginHost, plugin: string, key: string, input: SettingInput): Promise<SettingsSchema> {
  const schema = host.settingsSchemaOf(plugin);
  const value: JsonValue = 'text' in input ? parseSettingValue(schema, key, input.text) : input.value;
  await host.config.setSetting(plugin, key, value, schema);
  return schema;
}
