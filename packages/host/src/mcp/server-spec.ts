import { join, resolve } from 'node:path';
import { McpServerUnspecifiedError } from '@berth/sdk';

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
  /** The working directory (the plugin's folder). */
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

/** How the host runs or reaches an `mcp` plugin's server. */
export type McpServerSpec = McpServerCommand | McpServerUrl;

/** The manifest fields an `mcp` plugin uses to describe its server (a structural view of `plugin.json`). */
export interface McpManifestView {
  /** The plugin's name. */
  readonly name: string;
  /** A Node MCP server, relative to the plugin folder (run as `node <main>`). */
  readonly main?: string;
  /** A server to start (`command`, `args`, `env`) or to reach (`url`, `headers`). */
  readonly server?: {
    readonly command?: string;
    readonly args?: readonly string[];
    readonly env?: Readonly<Record<string, string>>;
    readonly url?: string;
    readonly headers?: Readonly<Record<string, string>>;
  };
}

/**
 * Reads how to run an `mcp` plugin's server from its manifest: `server.url` (reach it), `server.command` (start
 * it, in the plugin folder), or `main` (a Node server, run with the host's own `node`). Throws
 * `McpServerUnspecifiedError` when none is given.
 */
export function mcpServerSpecOf(manifest: McpManifestView, dir: string): McpServerSpec {
  const server = manifest.server;
  if (server?.url !== undefined) {
    return { kind: 'url', url: server.url, headers: { ...server.headers } };
  }
  if (server?.command !== undefined) {
    return { kind: 'command', runtime: 'native', command: server.command, args: [...(server.args ?? [])], env: { ...server.env }, cwd: dir };
  }
  if (manifest.main !== undefined) {
    return {
      kind: 'command',
      runtime: 'node',
      command: process.execPath,
      args: [resolve(dir, manifest.main), ...(server?.args ?? [])],
      env: { ...server?.env },
      cwd: dir,
    };
  }
  throw new McpServerUnspecifiedError(manifest.name, join(dir, 'plugin.json'));
}

/** A one-line description of where a server runs, for messages: the command line or the URL. */
export function describeMcpServer(spec: McpServerSpec): string {
  return spec.kind === 'url' ? spec.url : [spec.command, ...spec.args].join(' ');
}
