#!/usr/bin/env node
/**
 * The Docker MCP server, standalone over stdio: `node plugins/docker-mcp/dist/index.js`. Berth runs this same
 * file for the `docker-mcp-tools` plugin; settings come from `BERTH_SETTINGS` / `BERTH_SETTING_<NAME>` /
 * `DOCKER_HOST`.
 * @packageDocumentation
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { createDockerMcpServer } from './server.js';
import { readSettings } from './settings.js';

export { createDockerMcpServer, PLUGIN_VERSION } from './server.js';
export type { DockerMcpServer, DockerMcpServerOptions } from './server.js';
export { readSettings, PLUGIN_NAME, DEFAULT_SETTINGS } from './settings.js';
export type { DockerMcpSettings, Scope } from './settings.js';
export { ALL_TOOLS, toolsFor } from './tools/catalogue.js';
export { isSessionGone } from './policy/session-liveness.js';
export { Labels } from './policy/labels.js';

/** Starts the server on stdio and removes what it created when stdin closes or a signal arrives. */
async function main(): Promise<void> {
  const instance = createDockerMcpServer({ settings: readSettings(), reapIntervalMs: Number(process.env['BERTH_DOCKER_REAP_INTERVAL_MS'] ?? 60_000) });
  const stop = (): void => {
    void instance.close().finally(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  process.stdin.once('end', stop);
  await instance.connect(new StdioServerTransport());
}

const isEntry = process.argv[1] !== undefined && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
if (isEntry) await main();
