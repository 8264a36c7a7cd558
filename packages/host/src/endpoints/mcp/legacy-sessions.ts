import { randomUUID } from 'node:crypto';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/server';
import type { McpServerFactory } from './server-factory.js';

/** Sessions kept at most; the oldest is closed past this. */
const MAX_SESSIONS = 256;

interface Session {
  readonly transport: WebStandardStreamableHTTPServerTransport;
  readonly close: () => Promise<void>;
}

/**
 * Serves 2025-era clients (MCP SDK 1.x, and 2.x clients that do not negotiate) over sessionful Streamable HTTP:
 * one pinned server instance per session, so `notifications/cancelled` reaches the call it cancels and
 * `notifications/tools/list_changed` reaches the client on its GET stream.
 */
export class LegacySessions {
  readonly #sessions = new Map<string, Session>();

  /** @param factory - builds the session's server instance */
  constructor(private readonly factory: McpServerFactory) {}

  /** Answers one 2025-era request (its JSON body already parsed, if it had one): within its session, or opening one with `initialize`. */
  async handle(request: Request, parsedBody?: unknown): Promise<Response> {
    const options = parsedBody !== undefined ? { parsedBody } : undefined;
    const sessionId = request.headers.get('mcp-session-id');
    if (sessionId !== null) {
      const session = this.#sessions.get(sessionId);
      return session !== undefined ? session.transport.handleRequest(request, options) : notFound(sessionId);
    }
    return this.#open(request, options);
  }

  /** Closes every session. */
  async closeAll(): Promise<void> {
    const sessions = [...this.#sessions.values()];
    this.#sessions.clear();
    await Promise.all(sessions.map((session) => session.close().catch(() => undefined)));
  }

  async #open(request: Request, options: { parsedBody: unknown } | undefined): Promise<Response> {
    const server = this.factory.create('http', true);
    const transport: WebStandardStreamableHTTPServerTransport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => this.#add(id, { transport, close: () => server.close() }),
      onsessionclosed: (id) => void this.#sessions.delete(id),
    });
    transport.onclose = () => {
      if (transport.sessionId !== undefined) this.#sessions.delete(transport.sessionId);
    };
    await server.connect(transport);
    const response = await transport.handleRequest(request, options);
    if (transport.sessionId === undefined) await server.close();
    return response;
  }

  #add(id: string, session: Session): void {
    this.#sessions.set(id, session);
    if (this.#sessions.size <= MAX_SESSIONS) return;
    const [oldest] = this.#sessions.keys();
    if (oldest === undefined) return;
    const evicted = this.#sessions.get(oldest);
    this.#sessions.delete(oldest);
    void evicted?.close().catch(() => undefined);
  }
}

/** The answer to a request naming a session this endpoint does not have (per the spec: 404, start over). */
function notFound(sessionId: string): Response {
  const body = { jsonrpc: '2.0', id: null, error: { code: -32001, message: `MCP session '${sessionId}' not found (it ended or the server restarted); initialize again` } };
  return new Response(JSON.stringify(body), { status: 404, headers: { 'content-type': 'application/json' } });
}
