import type { Logger } from '@berth/sdk';
import { startHttpEndpoint, type HttpRoute } from '../http/http-endpoint.js';
import { createMcpHttpHandler } from './http-handler.js';
import { MCP_PATH, mcpRoute } from './http-route.js';
import type { McpContentSource } from './content-source.js';
import type { ToolSource } from './tool-source.js';

/** Options of {@link serveMcpHttp}. */
export interface McpHttpOptions {
  /** The tools to serve. */
  readonly source: ToolSource;
  /** Resources and prompts to serve too (e.g. an `McpContentHub`). */
  readonly content?: McpContentSource;
  /** The bearer token clients must send. */
  readonly token: string;
  /** The call log and request failures. */
  readonly logger: Logger;
  /** The port (default 7331; 0 picks a free one). */
  readonly port?: number;
  /** The address (default `127.0.0.1`). */
  readonly host?: string;
  /** More routes on the same server, after `/mcp` (e.g. the OpenAI-compatible routes). */
  readonly routes?: readonly HttpRoute[];
  /** Routes that authenticate requests themselves (the web console), asked before the bearer-token check. */
  readonly selfAuthenticatedRoutes?: readonly HttpRoute[];
  /** `Host` names to accept besides loopback ones (needed when listening on a non-loopback address). */
  readonly extraHostnames?: readonly string[];
}

/** A running HTTP endpoint serving MCP. */
export interface McpHttpEndpoint {
  /** The base URL. */
  readonly url: string;
  /** The MCP endpoint's URL (`<url>/mcp`). */
  readonly mcpUrl: string;
  /** The port bound. */
  readonly port: number;
  /** Stops it: ends sessions and in-flight exchanges, stops listening. */
  close(): Promise<void>;
}

/** Starts `berth serve`'s HTTP face: the MCP endpoint at `/mcp` (both protocol generations), plus `routes`. */
export async function serveMcpHttp(options: McpHttpOptions): Promise<McpHttpEndpoint> {
  const handler = createMcpHttpHandler(options.source, options.logger, options.content);
  const endpoint = await startHttpEndpoint({
    token: options.token,
    logger: options.logger,
    routes: [mcpRoute(handler), ...(options.routes ?? [])],
    ...(options.selfAuthenticatedRoutes !== undefined ? { selfAuthenticatedRoutes: options.selfAuthenticatedRoutes } : {}),
    ...(options.port !== undefined ? { port: options.port } : {}),
    ...(options.host !== undefined ? { host: options.host } : {}),
    ...(options.extraHostnames !== undefined ? { extraHostnames: options.extraHostnames } : {}),
  });
  return {
    url: endpoint.url,
    mcpUrl: `${endpoint.url}${MCP_PATH}`,
    port: endpoint.port,
    close: async () => {
      await handler.close();
      await endpoint.close();
    },
  };
}
