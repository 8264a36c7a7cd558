import type { HttpRoute } from '../http/http-endpoint.js';
import { sendWebResponse, toWebRequest } from '../http/web-request.js';
import type { McpHttpEndpointHandler } from './http-handler.js';

/** The path the MCP endpoint is served at. */
export const MCP_PATH = '/mcp';

/** Mounts the MCP HTTP handler at `path` on the shared HTTP endpoint. */
export function mcpRoute(handler: McpHttpEndpointHandler, path = MCP_PATH): HttpRoute {
  return async (req, res) => {
    if (new URL(req.url ?? '/', 'http://localhost').pathname !== path) return false;
    await sendWebResponse(res, await handler.fetch(toWebRequest(req, res)));
    return true;
  };
}
