import { join } from 'node:path';
import { McpServerVariableError } from '@berth/sdk';

/**
 * The values substituted in an `mcp` plugin's `server.args`, `server.env` and `server.cwd`: the plugin's folder,
 * the scope variables of filesystem grants (`${pluginData}`, `${home}`, `${tmp}`, `${workspace}`) and its settings
 * (`${config.<name>}`).
 */
export interface McpServerVars {
  /** `${pluginDir}`: the plugin's folder. */
  readonly pluginDir: string;
  /** `${pluginData}`: the plugin's data folder (absolute; where a server keeps its files). */
  readonly pluginData?: string;
  /** `${home}`: the user's home folder. */
  readonly home?: string;
  /** `${tmp}`: the temporary folder. */
  readonly tmp?: string;
  /** `${workspace}`: the folder the assistant works in, when there is one. */
  readonly workspace?: string;
  /** The plugin's settings, for `${config.<name>}` (an unset setting is left as written). */
  readonly settings?: Readonly<Record<string, unknown>>;
}

const VARIABLE = /\$\{(pluginDir|pluginData|home|tmp|workspace|config\.([^}]+))\}/g;

/**
 * Substitutes the variables of {@link McpServerVars} in one string of a server spec. A scope variable without a
 * value here (`${workspace}` when Berth runs without a workspace) throws `McpServerVariableError` naming the plugin,
 * the file and the field, rather than handing the server a literal `${workspace}`.
 */
export function substituteServerText(plugin: string, field: string, text: string, vars: McpServerVars): string {
  return text.replace(VARIABLE, (whole, key: string, setting: string | undefined) => {
    if (setting !== undefined) {
      const value = vars.settings?.[setting];
      return value === undefined ? whole : String(value);
    }
    const value = vars[key as 'pluginDir' | 'pluginData' | 'home' | 'tmp' | 'workspace'];
    if (value === undefined) throw new McpServerVariableError(plugin, join(vars.pluginDir, 'plugin.json'), field, key);
    return value;
  });
}
