import { createMcpHandler, isLegacyRequest } from '@modelcontextprotocol/server';
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
  return {
    fetch: async (request) => ((await isLegacyRequest(request)) ? legacy.handle(request) : modern.fetch(request)),
    close: async () => {
      stopNotifying();
      factory.dispose();
      await Promise.all([modern.close(), legacy.closeAll()]);
    },
  };
}
