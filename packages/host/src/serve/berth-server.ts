import type { Logger } from '@berth/sdk';
import { DEFAULT_SERVE_PORT } from '../endpoints/http/http-endpoint.js';
import { toolSourceOf } from '../endpoints/mcp/registry-source.js';
import { serveMcpHttp } from '../endpoints/mcp/serve-http.js';
import { serveMcpStdio } from '../endpoints/mcp/stdio.js';
import { providerSourceOf } from '../endpoints/openai/registry-source.js';
import { createOpenAiRoutes } from '../endpoints/openai/routes.js';
import type { PluginHost } from '../lifecycle/plugin-host.js';
import { HostOperations } from '../control/host-operations.js';
import type { ControlOperations } from '../control/types.js';
import { CONSOLE_PATH, createConsole } from '../endpoints/console/console-route.js';
import { ensureServeToken } from './serve-token.js';

/** Options of {@link serveHost}. */
export interface ServeHostOptions {
  /** Serve MCP over this process's stdio instead of HTTP. */
  readonly stdio?: boolean;
  /** HTTP port (default: `serve.port` in the configuration, else 7331; 0 picks a free one). */
  readonly port?: number;
  /** HTTP address (default: `serve.host`, else 127.0.0.1). */
  readonly address?: string;
  /** The bearer token (default: `BERTH_TOKEN`, else the saved one, generated on first run). */
  readonly token?: string;
  /** The call log (must not write to stdout in stdio mode). */
  readonly logger: Logger;
  /** Serve the web console at `/console` over HTTP (default true). */
  readonly console?: boolean;
  /** The operations the console acts through (default: `HostOperations` over `host`). */
  readonly ops?: ControlOperations;
}

/** What {@link serveHost} started. */
export interface ServingHost {
  /** `http` or `stdio`. */
  readonly transport: 'http' | 'stdio';
  /** The base URL (HTTP only). */
  readonly url?: string;
  /** The MCP endpoint URL (HTTP only). */
  readonly mcpUrl?: string;
  /** The OpenAI-compatible base URL (HTTP only). */
  readonly openAiUrl?: string;
  /** The web console's URL (HTTP only, unless turned off). */
  readonly consoleUrl?: string;
  /** Where the token is saved, when it came from the token file. */
  readonly tokenFile?: string;
  /** Settles when a stdio client has gone (closed our stdin): the process should then stop. */
  readonly closed?: Promise<void>;
  /** Stops serving (not the host). */
  close(): Promise<void>;
}

/**
 * Serves a started host: one MCP endpoint made of every registered tool (Streamable HTTP at `/mcp` for both
 * protocol generations, or stdio) and, over HTTP, the OpenAI-compatible routes at `/v1` — all behind one bearer
 * token, loopback-only origins and `Host` names, and `/health` open.
 */
export async function serveHost(host: PluginHost, options: ServeHostOptions): Promise<ServingHost> {
  const tools = toolSourceOf(host.api.tools);
  if (options.stdio === true) {
    const endpoint = serveMcpStdio({ source: tools, logger: options.logger });
    return { transport: 'stdio', closed: endpoint.closed, close: () => endpoint.close() };
  }
  const config = host.config.read();
  const saved = options.token === undefined ? await ensureServeToken(host.config.paths.configDir) : undefined;
  const token = options.token ?? saved?.token ?? '';
  const address = options.address ?? config.serve?.host ?? '127.0.0.1';
  const loopback = ['127.0.0.1', '::1', 'localhost'].includes(address);
  if (!loopback) {
    options.logger.warn(
      `serving on ${address}, beyond this machine: anyone who can reach it and holds the token can call every tool; ` +
        `requests must name ${address} as their Host`,
    );
  }
  const providers = providerSourceOf(host.api.providers);
  const openAi = createOpenAiRoutes(providers, { aliases: modelAliases(config.aliases) });
  const web = options.console === false
    ? undefined
    : await createConsole({
        token,
        ops: options.ops ?? new HostOperations(host),
        host,
        openAi: createOpenAiRoutes(providers, { basePath: `${CONSOLE_PATH}/api/v1`, aliases: modelAliases(config.aliases) }),
      });
  const endpoint = await serveMcpHttp({
    source: tools,
    token,
    logger: options.logger,
    port: options.port ?? config.serve?.port ?? DEFAULT_SERVE_PORT,
    host: address,
    ...(loopback || address === '0.0.0.0' || address === '::' ? {} : { extraHostnames: [address] }),
    routes: [openAi],
    ...(web !== undefined ? { selfAuthenticatedRoutes: [web.route] } : {}),
  });
  return {
    transport: 'http',
    url: endpoint.url,
    mcpUrl: endpoint.mcpUrl,
    openAiUrl: `${endpoint.url}/v1`,
    ...(web !== undefined ? { consoleUrl: `${endpoint.url}${CONSOLE_PATH}/` } : {}),
    ...(saved?.file !== undefined ? { tokenFile: saved.file } : {}),
    close: async () => {
      await web?.close();
      await endpoint.close();
    },
  };
}

/** Model aliases are the configuration aliases whose target looks like `<plugin>/<model>`. */
function modelAliases(aliases: Readonly<Record<string, string>> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [from, to] of Object.entries(aliases ?? {})) out[to] = from;
  return out;
}
