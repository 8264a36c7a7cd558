import { createMcpHandler, DEFAULT_MAX_REQUEST_BODY_SIZE, isJsonContentType, isLegacyRequest, readRequestBody } from '@modelcontextprotocol/server';
import type { McpHttpHandler } from '@modelcontextprotocol/server';
import type { Logger } from '@berth/sdk';
import { LegacySessions } from './legacy-sessions.js';
import { McpServerFactory } from './server-factory.js';
import type { McpContentSource } from './content-source.js';
import type { ToolSource } from './tool-source.js';

/** The MCP endpoint's HTTP face, web-standard (`Request` in, `Response` out); auth and origin checks come before it. */
export interface McpHttpEndpointHandler {
  /** Answers one request to the MCP path. */
  fetch(request: Request): Promise<Response>;
  /** Ends every session and in-flight exchange. */
  close(): Promise<void>;
}

/**
 * The MCP endpoint over Streamable HTTP for both protocol generations: requests carrying the 2026-07-28
 * per-request envelope go to the SDK's stateless modern handler (`createMcpHandler`, change notifications on
 * `subscriptions/listen` streams); everything else (the 2025 `initialize` handshake and its session) goes to
 * {@link LegacySessions}. The routing is the SDK's own `isLegacyRequest` classification.
 */
export function createMcpHttpHandler(source: ToolSource, logger: Logger, content?: McpContentSource): McpHttpEndpointHandler {
  const factory = new McpServerFactory(source, logger, content);
  const modern: McpHttpHandler = createMcpHandler(() => factory.create('http', false), {
    legacy: 'reject',
    onerror: (error) => logger.debug({ err: error }, 'MCP HTTP request rejected'),
  });
  const stopNotifying = factory.onListChanged((kind) => {
    if (kind === 'tools') modern.notify.toolsChanged();
    else if (kind === 'resources') modern.notify.resourcesChanged();
    else modern.notify.promptsChanged();
  });
  const legacy = new LegacySessions(factory);
  const route = async (request: Request, parsedBody?: unknown): Promise<Response> =>
    (await isLegacyRequest(request, parsedBody)) ? legacy.handle(request, parsedBody) : modern.fetch(request, parsedBody !== undefined ? { parsedBody } : undefined);
  return {
    fetch: async (request) => {
      const body = await readJsonBodyOnce(request);
      if (body.kind === 'too-large') return tooLarge();
      return body.kind === 'parsed' ? route(request, body.value) : route(body.request);
    },
    close: async () => {
      stopNotifying();
      factory.dispose();
      await Promise.all([modern.close(), legacy.closeAll()]);
    },
  };
}

/** A POST body read once: parsed, too large, or handed on unparsed (in a fresh `Request`) for the SDK to answer. */
type BodyOnce = { readonly kind: 'parsed'; readonly value: unknown } | { readonly kind: 'too-large' } | { readonly kind: 'as-is'; readonly request: Request };

/**
 * Reads and parses a JSON POST body once, so the era routing (`isLegacyRequest`) and the handler share it: without
 * this each call cloned the request and read and parsed its body twice. The SDK's own size limit applies. A body
 * that is not JSON (or another method) goes on as it came, and the SDK answers it as before.
 */
async function readJsonBodyOnce(request: Request): Promise<BodyOnce> {
  if (request.method.toUpperCase() !== 'POST' || !isJsonContentType(request.headers.get('content-type'))) return { kind: 'as-is', request };
  let text: string;
  try {
    const read = await readRequestBody(request, DEFAULT_MAX_REQUEST_BODY_SIZE);
    if (read.tooLarge) return { kind: 'too-large' };
    text = read.text;
  } catch {
    return { kind: 'as-is', request: new Request(request, { body: '' }) };
  }
  try {
    if (text.length > 0) return { kind: 'parsed', value: JSON.parse(text) as unknown };
  } catch {
    // not JSON: the SDK answers it (parse error, or the legacy transport's own answer)
  }
  return { kind: 'as-is', request: new Request(request, { body: text }) };
}

/** The SDK's answer to a body over its limit (413, JSON-RPC error -32000). */
function tooLarge(): Response {
  const message = `Payload Too Large: Request body must not exceed ${DEFAULT_MAX_REQUEST_BODY_SIZE} bytes`;
  return new Response(JSON.stringify({ jsonrpc: '2.0', id: null, error: { code: -32000, message } }), { status: 413, headers: { 'content-type': 'application/json' } });
}
