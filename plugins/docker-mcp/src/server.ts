import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { DockerConnection } from './docker/connection.js';
import { endpointFor } from './docker/endpoint.js';
import { WELL_KNOWN_SOCKETS } from './policy/paths.js';
import { Reaper } from './reaper.js';
import { currentSession, processStartTime } from './session.js';
import type { SessionIdentity } from './session.js';
import { PLUGIN_NAME } from './settings.js';
import type { DockerMcpSettings } from './settings.js';
import { toolsFor } from './tools/catalogue.js';
import { ToolInvoker } from './tool-invoker.js';

/** The plugin's version, as its manifest declares it. */
export const PLUGIN_VERSION = '1.0.0';

/** Options of {@link createDockerMcpServer}. */
export interface DockerMcpServerOptions {
  /** The settings (see `readSettings`). */
  readonly settings: DockerMcpSettings;
  /** This run's identity; a fresh one by default. */
  readonly session?: SessionIdentity;
  /** How often the reaper sweeps, in ms (default 60 000; 0 disables the schedule, the start sweep still runs). */
  readonly reapIntervalMs?: number;
  /** Where diagnostics go (default stderr; stdout belongs to MCP). */
  readonly log?: (message: string) => void;
}

/** A running Docker MCP server. */
export interface DockerMcpServer {
  /** The MCP server (connect it to a transport with {@link DockerMcpServer.connect}). */
  readonly server: Server;
  /** This run's identity. */
  readonly session: SessionIdentity;
  /** Connects to a transport (stdio when standalone) and starts the reaper. */
  connect(transport: Transport): Promise<void>;
  /** Stops the reaper, removes what this run created, closes the transport. Never throws. */
  close(): Promise<void>;
}

/**
 * Builds the Docker MCP server: lists the tools the settings allow (read-only mode lists none that change state),
 * validates arguments, applies the policy, and answers errors a user can act on while the engine is down.
 */
export function createDockerMcpServer(options: DockerMcpServerOptions): DockerMcpServer {
  const { settings } = options;
  const session = options.session ?? currentSession();
  const log = options.log ?? ((message: string) => process.stderr.write(`[${PLUGIN_NAME}] ${message}\n`));
  const endpoint = endpointFor(settings);
  const connection = new DockerConnection(endpoint);
  const protectedSockets = [...WELL_KNOWN_SOCKETS, ...(endpoint.socketPath !== undefined ? [endpoint.socketPath] : [])];
  const tools = toolsFor(settings.readOnly);
  const invoker = new ToolInvoker(tools, { connection, settings, session, endpoint, protectedSockets });
  const reaper = new Reaper(connection, { session, localEngine: endpoint.socketPath !== undefined, startTimeOf: processStartTime });
  const server = new Server(
    { name: PLUGIN_NAME, version: PLUGIN_VERSION },
    { capabilities: { tools: { listChanged: false } }, instructions: 'Docker tools. Objects created are labelled berth.managed=true and removed when this server stops.' },
  );
  server.setRequestHandler(ListToolsRequestSchema, () => ({
    tools: tools.map((tool) => ({
      name: tool.name,
      title: tool.title,
      description: tool.description,
      inputSchema: tool.inputSchema,
      annotations: { title: tool.title, ...tool.annotations },
    })),
  }));
  server.setRequestHandler(CallToolRequestSchema, async (request, extra): Promise<CallToolResult> => {
    const token = request.params._meta?.progressToken;
    const progress = async (value: number, total?: number, message?: string): Promise<void> => {
      if (token === undefined) return;
      await extra.sendNotification({
        method: 'notifications/progress',
        params: { progressToken: token, progress: value, ...(total !== undefined ? { total } : {}), ...(message !== undefined ? { message } : {}) },
      });
    };
    return invoker.call(request.params.name, request.params.arguments ?? {}, extra.signal, progress);
  });
  let closed = false;
  return {
    server,
    session,
    async connect(transport) {
      await server.connect(transport);
      reaper.start(options.reapIntervalMs ?? 60_000, (error) => log(`reaper: ${(error as Error).message}`));
      if (options.reapIntervalMs === 0) reaper.stop();
    },
    async close() {
      if (closed) return;
      closed = true;
      reaper.stop();
      await reaper.removeOwnSession().catch((error: unknown) => log(`cleanup: ${(error as Error).message}`));
      await server.close().catch(() => undefined);
    },
  };
}
