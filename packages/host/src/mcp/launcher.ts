import type { Readable } from 'node:stream';
import { createInterface } from 'node:readline';
import type { Transport } from '@modelcontextprotocol/client';
import { StdioClientTransport, getDefaultEnvironment } from '@modelcontextprotocol/client/stdio';
import type { Logger } from '@berth/sdk';
import type { McpServerCommand } from './server-spec.js';

/** A started MCP server process, as the connection holds it. */
export interface LaunchedMcpServer {
  /** The MCP client transport over the process's stdio (not yet started: `Client.connect` starts it). */
  readonly transport: Transport;
  /** The process id, once started. */
  pid(): number | undefined;
}

/**
 * The seam between MCP connections and the sandbox: how a command-type MCP server is started. The default spawns
 * it plainly; the sandbox wraps it (bubblewrap, Node's permission model, scrubbed environment) by providing its
 * own launcher that returns a transport over the confined process's stdio.
 */
export interface McpServerLauncher {
  /** Prepares the process for `plugin` (spawned when the returned transport starts). */
  launch(plugin: string, command: McpServerCommand, logger: Logger): LaunchedMcpServer;
}

/**
 * The SDK's stdio transport, subclassed only so that version negotiation probes in place on this one process
 * (the SDK spawns a throw-away sibling process to probe when it sees its own base class, which would escape a
 * sandboxing launcher).
 */
export class InPlaceStdioTransport extends StdioClientTransport {}

/** Forwards each line the server writes to stderr to the plugin's logger (MCP servers log there). */
export function forwardStderr(stream: Readable | null, logger: Logger): void {
  if (stream === null) return;
  createInterface({ input: stream }).on('line', (line) => logger.debug({ stream: 'stderr' }, line));
}

/** The default launcher: a plain child process (no confinement) with the SDK's safe default environment. */
export const plainMcpServerLauncher: McpServerLauncher = {
  launch(_plugin, command, logger) {
    const transport = new InPlaceStdioTransport({
      command: command.command,
      args: [...command.args],
      env: { ...getDefaultEnvironment(), ...command.env },
      cwd: command.cwd,
      stderr: 'pipe',
    });
    forwardStderr(transport.stderr as Readable | null, logger);
    return { transport, pid: () => transport.pid ?? undefined };
  },
};
