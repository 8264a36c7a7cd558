import type { JsonValue } from '@berth/sdk';
import type { HostConfig } from './host-config.js';
import type { SecretsFile } from './host-config-schema.js';
import type { SettingsSchema } from './settings-validator.js';

/** Everything the store knows at one moment. Immutable: each change makes a new snapshot. */
export interface ConfigSnapshot {
  /** The user (or `--config`) file: where writes go. */
  readonly user: HostConfig;
  /** The sanitized project file, when there is one and its folder is trusted. */
  readonly project: HostConfig | undefined;
  /** The secrets file. */
  readonly secrets: SecretsFile;
  /** The user file overridden by the project file (secrets not included). */
  readonly effective: HostConfig;
}

/**
 * A plugin's saved settings in `snapshot`: the effective (user + project) settings, then the secrets. With `schema`,
 * a secret setting comes only from the secrets file (or, if hand-written there, the user file) — never from the project
 * file, which must not substitute a credential.
 */
export function savedSettingsOf(snapshot: ConfigSnapshot, plugin: string, schema?: SettingsSchema): Record<string, JsonValue> {
  const saved: Record<string, JsonValue> = { ...snapshot.effective.plugins?.[plugin]?.settings };
  const secrets = snapshot.secrets.plugins?.[plugin] ?? {};
  if (schema !== undefined) {
    const userSettings = snapshot.user.plugins?.[plugin]?.settings ?? {};
    for (const name of schema.names.filter((n) => schema.isSecret(n))) {
      const value = secrets[name] ?? userSettings[name];
      if (value === undefined) delete saved[name];
      else saved[name] = value;
    }
    return saved;
  }
  return { ...saved, ...secrets };
}

/** The plugins named anywhere in `snapshot` (configuration or secrets). */
export function pluginsIn(snapshot: ConfigSnapshot): Set<string> {
  return new Set([...Object.keys(snapshot.effective.plugins ?? {}), ...Object.keys(snapshot.secrets.plugins ?? {})]);
}
