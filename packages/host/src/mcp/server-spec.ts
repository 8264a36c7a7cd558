import { isAbsolute, join, resolve } from 'node:path';
import { McpServerNotInstalledError, McpServerUnspecifiedError } from '@berth/sdk';
import type { McpServerSpec } from '@berth/sdk';
import { resolveNodeBin } from './node-bin.js';
import { substituteServerText, type McpServerVars } from './server-vars.js';

/** An MCP server the host starts as a child process and speaks to over stdio. */
export interface McpServerCommand {
  readonly kind: 'command';
  /** `node` when the plugin's `main` is a Node MCP server (Node's permission model can confine it), else `native`. */
  readonly runtime: 'node' | 'native';
  /** The executable. */
  readonly command: string;
  /** Its arguments. */
  readonly args: readonly string[];
  /** Extra environment variables the manifest sets. */
  readonly env: Readonly<Record<string, string>>;
  /** The working directory (absolute; the plugin folder unless the manifest names another inside it). */
  readonly cwd: string;
  /** The command line as the manifest wrote it, when Berth resolved it to a Node script (`npx <pkg>`, a bin name). */
  readonly resolvedFrom?: string;
}

/** An MCP server the host reaches over Streamable HTTP. */
export interface McpServerUrl {
  readonly kind: 'url';
  /** The server's MCP endpoint. */
  readonly url: string;
  /** Extra request headers (e.g. an `Authorization` the user configured). */
  readonly headers: Readonly<Record<string, string>>;
}

/** How the host runs or reaches an `mcp` plugin's server, resolved from its manifest. */
export type McpServerTarget = McpServerCommand | McpServerUrl;

/** The manifest fields an `mcp` plugin uses to describe its server (a structural view of `PluginManifest`). */
export interface McpManifestView {
  /** The plugin's name. */
  readonly name: string;
  /** A Node MCP server, relative to the plugin folder (run as `node <main>`). */
  readonly main?: string | undefined;
  /** A server to start (`command`, `args`, `env`, `cwd`) or to reach (`url`, `headers`). */
  readonly server?: McpServerSpec | undefined;
}

/** A command relative to the plugin folder (`./server`) is resolved there; a bare name is looked up on PATH. */
function resolveCommand(command: string, dir: string): string {
  return command.startsWith('./') || command.startsWith('../') ? resolve(dir, command) : command;
}

/**
 * Reads how to run an `mcp` plugin's server from its manifest: `server.url` (reach it), `server.command` (start
 * it, in the plugin folder), or `main` (a Node server, run with the host's own `node`).
 *
 * `${pluginDir}`, `${pluginData}`, `${home}`, `${tmp}`, `${workspace}` and `${config.<name>}` are substituted in
 * `args`, `env` values and `cwd` (`vars`). A command that is a Node
 * program — `npx <package>` with the package installed in the plugin folder, a bin name in its
 * `node_modules/.bin`, a Node script's path, `node <script>` — becomes `runtime: 'node'` (`node <script> …`) so
 * the sandbox can confine it; `npx` of a package that is not installed throws `McpServerNotInstalledError` (npx
 * would download it). Throws `McpServerUnspecifiedError` when no server is given.
 */
export function mcpServerTargetOf(
  manifest: McpManifestView,
  dir: string,
  vars: Omit<McpServerVars, 'pluginDir'> = {},
): McpServerTarget {
  const server = manifest.server;
  if (server !== undefined && 'url' in server) {
    return { kind: 'url', url: server.url, headers: { ...server.headers } };
  }
  const all: McpServerVars = { ...vars, pluginDir: dir };
  if (server !== undefined && 'command' in server) {
    const sub = (field: string, text: string): string => substituteServerText(manifest.name, field, text, all);
    const cwdText = server.cwd === undefined ? undefined : sub('/server/cwd', server.cwd);
    const cwd = cwdText === undefined ? dir : isAbsolute(cwdText) ? cwdText : resolve(dir, cwdText);
    const args = (server.args ?? []).map((arg, i) => sub(`/server/args/${i}`, arg));
    const env = Object.fromEntries(Object.entries(server.env ?? {}).map(([name, value]) => [name, sub(`/server/env/${name}`, value)]));
    const node = resolveNodeBin(server.command, args, cwd);
    if ('script' in node) {
      const original = [server.command, ...args].join(' ');
      return { kind: 'command', runtime: 'node', command: process.execPath, args: [node.script, ...node.args], env, cwd, resolvedFrom: original };
    }
    if (node.kind === 'not-installed') throw new McpServerNotInstalledError(manifest.name, join(dir, 'plugin.json'), node.what, cwd);
    return { kind: 'command', runtime: 'native', command: resolveCommand(server.command, dir), args, env, cwd };
  }
  if (manifest.main !== undefined) {
    return { kind: 'command', runtime: 'node', command: process.execPath, args: [resolve(dir, manifest.main)], env: {}, cwd: dir };
  }
  throw new McpServerUnspecifiedError(manifest.name, join(dir, 'plugin.json'));
}

/** A one-line description of where a server runs, for messages: the command line or the URL. */
export function describeMcpServer(target: McpServerTarget): string {
  return target.kind === 'url' ? target.url : [target.command, ...target.args].join(' ');
}
