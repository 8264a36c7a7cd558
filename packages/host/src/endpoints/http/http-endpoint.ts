import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '@berth/sdk';
import { answerPreflight, applyCors } from './cors.js';
import { LOOPBACK_HOSTNAMES, bearerMatches, hostAllowed, originAllowed } from './guards.js';
import { refuse, sendJson } from './responses.js';

/** The default port of `berth serve`. */
export const DEFAULT_SERVE_PORT = 7331;

/**
 * One mounted handler (the MCP endpoint, the OpenAI-compatible routes): it answers and resolves `true` when the
 * request is its own, else resolves `false` untouched. It runs after the host, origin and token checks.
 */
export type HttpRoute = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

/** Options of {@link startHttpEndpoint}. */
export interface HttpEndpointOptions {
  /** The bearer token every request but `/health` and CORS preflights must carry. */
  readonly token: string;
  /** The handlers, asked in order. */
  readonly routes: readonly HttpRoute[];
  /**
   * Handlers that authenticate requests themselves (the web console: a sign-in page, then a session cookie),
   * asked after the `Host` and `Origin` checks and before the bearer-token check.
   */
  readonly selfAuthenticatedRoutes?: readonly HttpRoute[];
  /** Request failures are logged here. */
  readonly logger: Logger;
  /** The port (default 7331; 0 picks a free one). */
  readonly port?: number;
  /** The address to listen on (default `127.0.0.1`). */
  readonly host?: string;
  /** Further `Host` header names to accept besides loopback ones (e.g. a LAN name the user opted into). */
  readonly extraHostnames?: readonly string[];
}

/** A listening HTTP endpoint. */
export interface HttpEndpoint {
  /** The base URL, e.g. `http://127.0.0.1:7331`. */
  readonly url: string;
  /** The port actually bound. */
  readonly port: number;
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
}

/**
 * Berth's one HTTP server: DNS-rebinding protection (the `Host` must be a loopback name), browser origins other
 * than loopback refused with 403, CORS for loopback origins, `/health` without a token, every other request
 * refused with 401 and `WWW-Authenticate: Bearer` unless it carries the token; then the routes.
 */
export async function startHttpEndpoint(options: HttpEndpointOptions): Promise<HttpEndpoint> {
  const host = options.host ?? '127.0.0.1';
  const hostnames = [...LOOPBACK_HOSTNAMES, ...(options.extraHostnames ?? [])];
  const server = createServer((req, res) => {
    handle(req, res, options, hostnames).catch((error: unknown) => {
      options.logger.error({ err: error }, `HTTP ${req.method ?? ''} ${req.url ?? ''} failed`);
      if (!res.headersSent) refuse(res, 500, 'internal_error', 'Berth failed to answer this request; see its log');
      else res.end();
    });
  });
  await listen(server, options.port ?? DEFAULT_SERVE_PORT, host);
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    close: () => close(server),
  };
}

async function handle(req: IncomingMessage, res: ServerResponse, options: HttpEndpointOptions, hostnames: readonly string[]): Promise<void> {
  if (!hostAllowed(req.headers.host, hostnames)) {
    refuse(res, 403, 'host_not_allowed', `Host '${req.headers.host ?? ''}' is not served (DNS-rebinding protection); connect to http://127.0.0.1 or http://localhost`);
    return;
  }
  if (!originAllowed(req.headers.origin)) {
    refuse(res, 403, 'origin_not_allowed', `requests from origin '${req.headers.origin ?? ''}' are refused; only loopback origins may use Berth from a browser`);
    return;
  }
  applyCors(req, res);
  if (req.method === 'OPTIONS') return answerPreflight(res);
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (path === '/health' && (req.method === 'GET' || req.method === 'HEAD')) return sendJson(res, 200, { status: 'ok' });
  for (const route of options.selfAuthenticatedRoutes ?? []) if (await route(req, res)) return;
  if (!bearerMatches(req.headers.authorization, options.token)) {
    const challenge = req.headers.authorization === undefined ? 'Bearer realm="berth"' : 'Bearer realm="berth", error="invalid_token"';
    const message = 'a bearer token is required: send "Authorization: Bearer <token>" (berth serve prints where the token is)';
    // OpenAI clients read `error.message`: answer the /v1 routes in the OpenAI error shape.
    if (path === '/v1' || path.startsWith('/v1/')) {
      sendJson(res, 401, { error: { message, type: 'invalid_request_error', code: 'invalid_api_key', param: null } }, { 'www-authenticate': challenge });
    } else {
      refuse(res, 401, 'unauthorized', message, { 'www-authenticate': challenge });
    }
    return;
  }
  for (const route of options.routes) if (await route(req, res)) return;
  refuse(res, 404, 'not_found', `nothing is served at ${path}; the MCP endpoint is /mcp`);
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
