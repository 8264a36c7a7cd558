import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import Docker from 'dockerode';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

const run = promisify(execFile);

/** The built server the tests drive (run `npx tsc -b` first). */
export const SERVER_ENTRY = fileURLToPath(new URL('../../dist/index.js', import.meta.url));

/** Makes the client transport for a server run with `settings`; a parameter so the same tests can go through `berth serve`. */
export type TransportFactory = (settings: Record<string, unknown>) => Transport & { readonly pid?: number | null };

/** The default: the standalone server over stdio, settings in `BERTH_SETTINGS`. */
export const stdioTransport: TransportFactory = (settings) =>
  new StdioClientTransport({
    command: process.execPath,
    args: [SERVER_ENTRY],
    env: { ...(process.env as Record<string, string>), BERTH_SETTINGS: JSON.stringify(settings), BERTH_DOCKER_REAP_INTERVAL_MS: '1000' },
    stderr: 'pipe',
  });

/** How the tests reach the tools: the transport, and the name a tool has there. */
export interface Harness {
  /** Makes the transport for a server run with `settings`. */
  readonly transport: TransportFactory;
  /** The name tool `name` is published under (standalone: itself; through `berth serve`: `docker-mcp-tools__<name>`). */
  readonly toolName: (name: string) => string;
}

/** The standalone server over stdio. */
export const standalone: Harness = { transport: stdioTransport, toolName: (name) => name };

/** A connected MCP client. */
export interface Connected {
  readonly client: Client;
  readonly transport: Transport & { readonly pid?: number | null };
  call(name: string, args?: Record<string, unknown>): Promise<CallToolResult>;
  close(): Promise<void>;
}

/** Starts a server with `settings` and connects an official SDK client to it. */
export async function connect(settings: Record<string, unknown>, harness: Harness = standalone): Promise<Connected> {
  const transport = harness.transport(settings);
  const client = new Client({ name: 'berth-docker-mcp-test', version: '1.0.0' });
  await client.connect(transport);
  return {
    client,
    transport,
    call: async (name, args = {}) => (await client.callTool({ name: harness.toolName(name), arguments: args }, undefined, { timeout: 120_000 })) as CallToolResult,
    close: () => client.close(),
  };
}

/** The structured result of a successful call (fails the test with the message otherwise). */
export function data(result: CallToolResult): Record<string, unknown> {
  if (result.isError === true) throw new Error(`tool failed: ${JSON.stringify(result.content)}`);
  return result.structuredContent as Record<string, unknown>;
}

/** The error code and message of a failed call. */
export function failure(result: CallToolResult): { code: string; message: string } {
  if (result.isError !== true) throw new Error(`expected an error, got ${JSON.stringify(result.structuredContent)}`);
  const error = (result.structuredContent as { error: { code: string; message: string } }).error;
  return { code: error.code, message: error.message };
}

/** A dockerode client on the real engine, for checking what the tools did. */
export const engine = new Docker({ socketPath: '/var/run/docker.sock' });

/** Runs the docker CLI. */
export async function dockerCli(...args: string[]): Promise<string> {
  return (await run('docker', args)).stdout.trim();
}

/** Containers and networks carrying `label` (key=value), as the engine reports them. */
export async function leftovers(label: string): Promise<{ containers: string[]; networks: string[] }> {
  const filters = { label: [label] };
  const containers = await engine.listContainers({ all: true, filters });
  const networks = await engine.listNetworks({ filters });
  return { containers: containers.map((c) => c.Id), networks: networks.map((n) => n.Name) };
}

/** Waits until `check` holds (polling), or fails after `ms`. */
export async function eventually(check: () => Promise<boolean>, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('condition not met in time');
}
