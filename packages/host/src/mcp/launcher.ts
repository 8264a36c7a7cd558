import type { Readable } from 'node:stream';
import { createInterface } from 'node:readline';
import type { Transport } from '@modelcontextprotocol/client';
import { StdioClientTransport, getDefaultEnvironment, type StdioServerParameters } from '@modelcontextprotocol/client/stdio';
import type { Logger } from '@berth/sdk';
import { parseReport, type ChildReport } from '../sandbox/child/stderr-report.js';
import { useLineBuffer } from './wire/use-line-buffer.js';
import type { McpServerCommand } from './server-spec.js';

/** A started MCP server process, as the connection holds it. */
export interface LaunchedMcpServer {
  /** The MCP client transport over the process's stdio (not yet started: `Client.connect` starts it). */
  readonly transport: Transport;
  /** The process id, once started. */
  pid(): number | undefined;
  /** The last lines it wrote to stderr (for the message of a server that dies). */
  stderr?(): string[];
  /** How the process ended, once it has (`exited with code 1`). */
  exitStatus?(): string | undefined;
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
 * The SDK's stdio transport, subclassed so that version negotiation probes in place on this one process (the SDK
 * spawns a throw-away sibling process to probe when it sees its own base class, which would escape a sandboxing
 * launcher), reading with Berth's `JsonRpcLineBuffer`.
 */
export class InPlaceStdioTransport extends StdioClientTransport {
  #exit: { code: number | null; signal: string | null } | undefined;

  /** @param server - the process to start, as the SDK's transport takes it */
  constructor(server: StdioServerParameters) {
    super(server);
    // Reads the same messages as the SDK's buffer, at a fraction of the cost per message (see JsonRpcLineBuffer).
    useLineBuffer(this, server.maxBufferSize);
  }

  /** @inheritdoc */
  override async start(): Promise<void> {
    await super.start();
    // The SDK keeps the process private and forgets it on close: note how it ended, for the messages.
    const child = (this as unknown as { _process?: import('node:child_process').ChildProcess })._process;
    child?.once('exit', (code, signal) => (this.#exit = { code, signal }));
  }

  /** How the server process ended (`exited with code 1`, `killed by SIGKILL`), once it has. */
  exitStatus(): string | undefined {
    const exit = this.#exit;
    if (exit === undefined) return undefined;
    return exit.signal !== null ? `killed by ${exit.signal}` : `exited with code ${String(exit.code)}`;
  }
}

/**
 * Forwards each line the server writes to stderr to the plugin's logger (MCP servers log there), and keeps the
 * last ones for the message of a server that dies at start. A sandboxed server's reports (a denial, a program it
 * started dying) go to `onReport` instead, when given.
 */
export function forwardStderr(stream: Readable | null, logger: Logger, onReport?: (report: ChildReport) => void): StderrTail {
  const lines: string[] = [];
  if (stream !== null) {
    createInterface({ input: stream }).on('line', (line) => {
      const report = onReport !== undefined ? parseReport(line) : undefined;
      if (report !== undefined && onReport !== undefined) return onReport(report);
      lines.push(line.slice(0, 2000));
      if (lines.length > 20) lines.shift();
      logger.debug({ stream: 'stderr' }, line);
    });
  }
  return { lines: () => [...lines] };
}

/** The last lines a server wrote to stderr. */
export interface StderrTail {
  /** Up to the last 20 lines, oldest first. */
  lines(): string[];
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
    const tail = forwardStderr(transport.stderr as Readable | null, logger);
    return { transport, pid: () => transport.pid ?? undefined, stderr: tail.lines, exitStatus: () => transport.exitStatus() };
  },
};
