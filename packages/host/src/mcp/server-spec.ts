import { isAbsolute, join, resolve } from 'node:path';
import { McpServerUnspecifiedError } from '@berth/sdk';
import type { McpServerSpec } from '@berth/sdk';

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

/** Substitutes `${pluginDir}` and `${config.<name>}` in a manifest string. */
function substitute(text: string, dir: string, settings: Readonly<Record<string, unknown>>): string {
  return text.replace(/\$\{(pluginDir|config\.([^}]+))\}/g, (whole, key: string, setting: string | undefined) => {
    if (key === 'pluginDir') return dir;
    const value = setting === undefined ? undefined : settings[setting];
    return value === undefined ? whole : String(value);
  });
}

/** A command relative to the plugin folder (`./server`) is resolved there; a bare name is looked up on PATH. */
function resolveCommand(command: string, dir: string): string {
  return command.startsWith('./') || command.startsWith('../') ? resolve(dir, command) : command;
}

/**
 * Reads how to run an `mcp` plugin's server from its manifest: `server.url` (reach it), `server.command` (start
 * it, in the plugin folder), or `main` (a Node server, run with the host's own `node`). `${pluginDir}` and
 * `${config.<name>}` are substituted in `args`. Throws `McpServerUnspecifiedError` when none is given.
 */
export function mcpServerTargetOf(manifest: McpManifestView, dir: string, settings: Readonly<Record<string, unknown>> = {}): McpServerTarget {
  const server = manifest.server;
  if (server !== undefined && 'url' in server) {
    return { kind: 'url', url: server.url, headers: { ...server.headers } };
  }
  if (server !== undefined && 'command' in server) {
    const cwd = server.cwd === undefined ? dir : isAbsolute(server.cwd) ? server.cwd : resolve(dir, server.cwd);
    return {
      kind: 'command',
      runtime: 'native',
      command: resolveCommand(server.command, dir),
      args: (server.args ?? []).map((arg) => substitute(arg, dir, settings)),
      env: { ...server.env },
      cwd,
    };
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
