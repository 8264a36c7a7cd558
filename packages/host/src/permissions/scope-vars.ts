import os from 'node:os';
import path from 'node:path';
import { GrantInvalidError } from '@berth/sdk';

/** The values of the variables a filesystem scope may use. */
export interface ScopeVars {
  /** `${workspace}`: the folder the assistant works in, when there is one. */
  readonly workspace?: string;
  /** `${home}`: the user's home folder. */
  readonly home: string;
  /** `${pluginData}`: the plugin's data folder. */
  readonly pluginData: string;
  /** `${tmp}`: the temporary folder. */
  readonly tmp: string;
  /** The plugin's own folder (not a variable: what an unscoped filesystem grant means, with its data folder). */
  readonly pluginDir: string;
}

/** Scope variables for a plugin with the machine's home and temporary folders. */
export function scopeVarsFor(pluginDir: string, pluginData: string, workspace?: string): ScopeVars {
  return { home: os.homedir(), tmp: os.tmpdir(), pluginDir, pluginData, ...(workspace !== undefined ? { workspace } : {}) };
}

const VARIABLE = /^\$\{(workspace|home|pluginData|tmp)\}/;

/**
 * Expands one path of a filesystem scope to an absolute, normalised path. A trailing `/**` is dropped (a path
 * always covers what lies beneath it, as the OS-level enforcement does). Throws `GrantInvalidError` for an unknown
 * variable, a missing workspace or a relative path.
 */
export function expandScopePath(plugin: string, permission: string, scopePath: string, vars: ScopeVars): string {
  const trimmed = scopePath.replace(/\/\*\*$/, '') || '/';
  const match = VARIABLE.exec(trimmed);
  let expanded = trimmed;
  if (match !== null) {
    const name = match[1] as 'workspace' | 'home' | 'pluginData' | 'tmp';
    const value = vars[name];
    if (value === undefined) throw new GrantInvalidError(plugin, permission, `'${scopePath}' uses \${${name}}, which is not set here`);
    expanded = value + trimmed.slice(match[0].length);
  } else if (trimmed.includes('${')) {
    throw new GrantInvalidError(plugin, permission, `'${scopePath}' uses an unknown variable (known: \${workspace}, \${home}, \${pluginData}, \${tmp})`);
  }
  if (!path.isAbsolute(expanded)) throw new GrantInvalidError(plugin, permission, `'${scopePath}' is not an absolute path`);
  return path.resolve(expanded);
}

/** True when `target` is `root` or lies beneath it (both absolute). */
export function isWithin(root: string, target: string): boolean {
  const relative = path.relative(root, path.resolve(target));
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}
