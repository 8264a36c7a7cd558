import path from 'node:path';
import { BerthError, type ManifestProblem, type PluginManifest } from '@berth/sdk';
import { mcpServerTargetOf } from './server-spec.js';

/** How an `mcp` plugin's server will run, in words a user approving it can act on. */
export type McpServerConfinement =
  /** Not a started server (a URL), or not an `mcp` plugin. */
  | { readonly kind: 'none' }
  /** A Node program: confined by the process tier like any plugin. */
  | { readonly kind: 'sandboxed'; readonly command: string }
  /** A native program: it runs only with `process.unconfined`, outside the sandbox. */
  | { readonly kind: 'unconfined'; readonly command: string; readonly requested: boolean; readonly message: string }
  /** It cannot start at all (e.g. `npx` of a package that is not installed). */
  | { readonly kind: 'broken'; readonly error: BerthError };

/**
 * Works out whether an `mcp` plugin's server can be sandboxed, for `berth validate` and approval prompts: a Node
 * program (`main`, `node <file>`, `npx <installed package>`, a bin name, a Node script's path) is; anything else
 * (a native binary, a shell script, `uvx`, `docker run`) cannot be confined by Node's permission model and starts
 * only with `process.unconfined`.
 */
export function mcpServerConfinement(manifest: PluginManifest, dir: string): McpServerConfinement {
  if (manifest.type !== 'mcp') return { kind: 'none' };
  let target;
  try {
    // Placeholder values: only where the command points matters here, not what the variables hold.
    target = mcpServerTargetOf(manifest, dir, { pluginData: '/plugin-data', home: '/home', tmp: '/tmp', workspace: '/workspace' });
  } catch (error) {
    if (error instanceof BerthError) return { kind: 'broken', error };
    throw error;
  }
  if (target.kind === 'url') return { kind: 'none' };
  const written = manifest.server !== undefined && 'command' in manifest.server ? [manifest.server.command, ...(manifest.server.args ?? [])].join(' ') : target.args.join(' ');
  if (target.runtime === 'node') return { kind: 'sandboxed', command: written };
  const requested = (manifest.permissions ?? []).some((p) => (typeof p === 'string' ? p : p.permission) === 'process.unconfined');
  const program = path.basename(target.command);
  const message =
    `its MCP server '${written}' is not a Node program (${program}), so Berth cannot sandbox it: it runs only with ` +
    `process.unconfined, outside the sandbox, able to do anything your account can` +
    (requested ? '' : ' — and the plugin does not request process.unconfined, so it will not start');
  return { kind: 'unconfined', command: written, requested, message };
}

/** {@link mcpServerConfinement} as `berth validate` reports it: an error, a warning, or nothing. */
export function confinementProblem(confinement: McpServerConfinement, file: string): { readonly level: 'error' | 'warning'; readonly problem: ManifestProblem } | undefined {
  if (confinement.kind === 'broken') {
    const details = confinement.error.details as { path?: string; hint?: string };
    return { level: 'error', problem: { file, path: details.path ?? '/server', code: confinement.error.code, message: confinement.error.message, hint: details.hint ?? '' } };
  }
  if (confinement.kind !== 'unconfined') return undefined;
  return {
    level: confinement.requested ? 'warning' : 'error',
    problem: {
      file,
      path: '/server/command',
      message: confinement.message,
      hint: confinement.requested
        ? 'run a Node MCP server instead ("command": "node" with its .js file, or npx of a package installed in the plugin folder) to keep it sandboxed'
        : 'run a Node MCP server instead (then it is sandboxed), or add "process.unconfined" to "permissions" if it must run unconfined',
    },
  };
}
