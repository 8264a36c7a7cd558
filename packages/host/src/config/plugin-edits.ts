import type { JsonValue } from '@berth/sdk';
import type { HostConfig, SavedGrant, SavedPluginState } from './host-config.js';
import type { SecretsFile } from './host-config-schema.js';

/** `config` with plugin `name`'s saved state replaced by `edit(state)`; empty states are dropped. */
export function editPlugin(
  config: HostConfig,
  name: string,
  edit: (state: SavedPluginState) => SavedPluginState,
): HostConfig {
  const plugins: Record<string, SavedPluginState> = { ...config.plugins };
  const next = dropUndefined(edit(plugins[name] ?? {}));
  if (Object.keys(next).length === 0) delete plugins[name];
  else plugins[name] = next;
  return { ...config, plugins };
}

/** `state` with `settings[key]` set to `value`, or removed when `value` is undefined. */
export function withSetting(state: SavedPluginState, key: string, value: JsonValue | undefined): SavedPluginState {
  const settings: Record<string, JsonValue> = { ...state.settings };
  if (value === undefined) delete settings[key];
  else settings[key] = value;
  return { ...state, settings: Object.keys(settings).length > 0 ? settings : undefined };
}

/** `state` with its grants replaced (and the approved version and install identity, when given). */
export function withGrants(state: SavedPluginState, grants: readonly SavedGrant[], approvedVersion?: string, identity?: string): SavedPluginState {
  return { ...state, grants: [...grants], ...(approvedVersion !== undefined ? { approvedVersion } : {}), ...(identity !== undefined ? { identity } : {}) };
}

/** `secrets` with plugin `name`'s secret `key` set to `value`, or removed when `value` is undefined. */
export function editSecret(secrets: SecretsFile, name: string, key: string, value: JsonValue | undefined): SecretsFile {
  const plugins: Record<string, Record<string, JsonValue>> = { ...secrets.plugins };
  const own: Record<string, JsonValue> = { ...plugins[name] };
  if (value === undefined) delete own[key];
  else own[key] = value;
  if (Object.keys(own).length === 0) delete plugins[name];
  else plugins[name] = own;
  return { ...secrets, plugins };
}

/** `aliases` with `id` published as `alias`, or its alias removed when `alias` is undefined. */
export function withAlias(config: HostConfig, id: string, alias: string | undefined): HostConfig {
  const aliases: Record<string, string> = { ...config.aliases };
  if (alias === undefined) delete aliases[id];
  else aliases[id] = alias;
  return { ...config, aliases };
}

function dropUndefined(state: SavedPluginState): SavedPluginState {
  return Object.fromEntries(Object.entries(state).filter(([, v]) => v !== undefined)) as SavedPluginState;
}
