import type { HostConfig, SavedPluginState } from './host-config.js';

/** What {@link sanitizeProject} kept and what it refused. */
export interface SanitizedProject {
  /** The fields a project file may set. */
  readonly config: HostConfig;
  /** Refused fields, as `plugins.<name>.grants`-style paths. */
  readonly refused: readonly string[];
}

/**
 * Keep only what a project file (`.berth/config.json`) may set: per plugin `enabled` and `settings`, `aliases` and
 * `serve`. Grants, approved versions, the trusted tier, plugin roots and the trusted-projects list are the user's
 * alone — a cloned repository must not be able to grant itself permissions or load code in-process.
 */
export function sanitizeProject(project: HostConfig): SanitizedProject {
  const refused: string[] = [];
  const plugins: Record<string, SavedPluginState> = {};
  for (const [name, state] of Object.entries(project.plugins ?? {})) {
    const { enabled, settings, ...rest } = state;
    for (const key of Object.keys(rest)) refused.push(`plugins.${name}.${key}`);
    plugins[name] = { ...(enabled !== undefined ? { enabled } : {}), ...(settings !== undefined ? { settings } : {}) };
  }
  const { plugins: _plugins, aliases, serve, ...others } = project;
  for (const key of Object.keys(others)) refused.push(key);
  const config: HostConfig = {
    ...(project.plugins !== undefined ? { plugins } : {}),
    ...(aliases !== undefined ? { aliases } : {}),
    ...(serve !== undefined ? { serve } : {}),
  };
  return { config, refused };
}

/**
 * The effective configuration: the user (or `--config`) file, overridden by a sanitized project file. Per plugin, the
 * project's `enabled` wins and its settings override the user's key by key; aliases override key by key; `serve`
 * overrides field by field. Everything else is the user's.
 */
export function mergeConfigs(user: HostConfig, project: HostConfig | undefined): HostConfig {
  if (project === undefined) return user;
  const plugins: Record<string, SavedPluginState> = { ...user.plugins };
  for (const [name, override] of Object.entries(project.plugins ?? {})) {
    const base = plugins[name] ?? {};
    plugins[name] = {
      ...base,
      ...(override.enabled !== undefined ? { enabled: override.enabled } : {}),
      ...(override.settings !== undefined ? { settings: { ...base.settings, ...override.settings } } : {}),
    };
  }
  return {
    ...user,
    ...(user.plugins !== undefined || project.plugins !== undefined ? { plugins } : {}),
    ...(user.aliases !== undefined || project.aliases !== undefined ? { aliases: { ...user.aliases, ...project.aliases } } : {}),
    ...(user.serve !== undefined || project.serve !== undefined ? { serve: { ...user.serve, ...project.serve } } : {}),
  };
}
