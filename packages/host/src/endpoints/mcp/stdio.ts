import type { Readable, Writable } from 'node:stream';
import { StdioServerTransport, serveStdio } from '@modelcontextprotocol/server/stdio';
import type { Logger } from '@berth/sdk';
import { useLineBuffer } from '../../mcp/wire/use-line-buffer.js';
import { McpServerFactory } from './server-factory.js';
import type { McpContentSource } from './content-source.js';
import type { ToolSource } from './tool-source.js';

/** Options of {@link serveMcpStdio}. */
export interface McpStdioOptions {
  /** The tools to serve. */
  readonly source: ToolSource;
  /** Resources and prompts to serve too (e.g. an `McpContentHub`). */
  readonly content?: McpContentSource;
  /** The call log. It must not write to `stdout`, which carries the protocol (see `createStderrLogger`). */
  readonly logger: Logger;
  /** Defaults to `process.stdin`. */
  readonly stdin?: Readable;
  /** Defaults to `process.stdout`. */
  readonly stdout?: Writable;
}

/** A running stdio endpoint. */
export interface McpStdioEndpoint {
  /**
   * Settles when the client has gone (its end of stdin closed): the caller then stops the host, so the process
   * exits as the MCP stdio binding expects.
   */
  readonly closed: Promise<void>;
  /** Ends the connection. */
  close(): Promise<void>;
}

/**
 * Serves the source's tools over stdio (`berth serve --stdio`) to a client of either protocol generation: the
 * SDK's `serveStdio` reads the opening message (a 2025 `initialize`, or a 2026-07-28 `server/discover` or
 * enveloped request) and pins one instance of that era for the connection.
 */
export function serveMcpStdio(options: McpStdioOptions): McpStdioEndpoint {
  const factory = new McpServerFactory(options.source, options.logger, options.content);
  const stdin = options.stdin ?? process.stdin;
  const closed = new Promise<void>((resolve) => {
    stdin.once('end', () => resolve());
    stdin.once('close', () => resolve());
  });
  // Berth's line buffer reads the same messages as the SDK's, at a fraction of the cost per message.
  const transport = useLineBuffer(new StdioServerTransport(stdin, options.stdout));
  const handle = serveStdio(() => factory.create('stdio', true), {
    transport,
    onerror: (error) => options.logger.debug({ err: error }, 'MCP stdio connection error'),
  });
  return {
    closed,
    close: async () => {
      factory.dispose();
      await handle.close();
    },
  };
}
