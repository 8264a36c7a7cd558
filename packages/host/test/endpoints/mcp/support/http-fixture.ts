import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { McpPluginConnection, mcpServerTargetOf, serveMcpHttp, type McpHttpEndpoint } from '@berth/host';
import type { Logger } from '@berth/sdk';
import { createTestRegistry, type TestRegistry } from './test-registry.mjs';
import { registerDemoTools, type Observed } from './demo-tools.mjs';

/** The mcp-notes example plugin's folder. */
export const NOTES_DIR = fileURLToPath(new URL('../../../../../../examples/mcp-notes/', import.meta.url));

/** A pino logger whose lines are kept in memory (and can be grepped). */
export function memoryLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter((line) => line !== ''));
      done();
    },
  });
  return { logger: pino({ level: 'debug' }, stream), lines };
}

/** Everything an endpoint test holds. */
export interface HttpFixture {
  readonly endpoint: McpHttpEndpoint;
  readonly token: string;
  readonly registry: TestRegistry;
  readonly notes: McpPluginConnection;
  readonly observed: Observed;
  readonly lines: string[];
  close(): Promise<void>;
}

/** The endpoint over HTTP on a free port, serving the demo tools and the mcp-notes plugin's server. */
export async function startHttpFixture(): Promise<HttpFixture> {
  const { logger, lines } = memoryLogger();
  const registry = createTestRegistry(logger);
  const observed = registerDemoTools(registry);
  const manifest = JSON.parse(readFileSync(`${NOTES_DIR}plugin.json`, 'utf8')) as { name: string; main: string };
  const notes = new McpPluginConnection({ plugin: 'notes', server: mcpServerTargetOf(manifest, NOTES_DIR), logger, registerTool: registry.register });
  await notes.connect();
  const token = 'test-token-0123456789abcdef';
  const endpoint = await serveMcpHttp({ source: registry.source, token, logger, port: 0 });
  return {
    endpoint,
    token,
    registry,
    notes,
    observed,
    lines,
    close: async () => {
      await endpoint.close();
      await notes.close();
    },
  };
}
