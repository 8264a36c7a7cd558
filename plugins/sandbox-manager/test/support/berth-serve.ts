import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { JsonValue } from '@berth/sdk';

/** The built `berth` command. */
const BERTH = fileURLToPath(new URL('../../../../packages/cli/dist/main.js', import.meta.url));
/** This plugin's folder. */
const PLUGIN_DIR = fileURLToPath(new URL('../..', import.meta.url));

/** An MCP client connected to `berth serve --stdio` serving only this plugin. */
export interface ServedPlugin {
  readonly client: Client;
  /** The BERTH_HOME of the run. */
  readonly home: string;
  /** The `berth serve` process id. */
  readonly pid: number | null;
  /** Calls `sandbox-manager/<name>`; returns the structured content, or throws the error text. */
  call(name: string, args: Record<string, JsonValue>): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

/**
 * Starts `berth serve --stdio` on a fresh BERTH_HOME whose only plugin is the Sandbox Manager, its permissions
 * (`docker.access`, `process.spawn`) granted and approved, and `settings` saved — `trusted` runs it in the host's
 * process instead of Berth's bubblewrap tier; connects an MCP client (the official SDK) to it.
 */
export async function serveSandboxManager(settings: Record<string, JsonValue>, trusted = false, reuseHome?: string): Promise<ServedPlugin> {
  const home = reuseHome ?? mkdtempSync(join(tmpdir(), 'berth-serve-sbm-'));
  if (reuseHome === undefined) {
    mkdirSync(join(home, 'config'), { recursive: true });
    mkdirSync(join(home, 'plugins'));
    symlinkSync(PLUGIN_DIR, join(home, 'plugins', 'sandbox-manager'));
  }
  const grants = [{ permission: 'docker.access' }, { permission: 'process.spawn' }];
  writeFileSync(join(home, 'config', 'config.json'), JSON.stringify({ plugins: { 'sandbox-manager': { grants, approvedVersion: '1.0.0', settings, ...(trusted ? { trusted: true } : {}) } } }));
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [BERTH, '--plugins-dir', join(home, 'plugins'), 'serve', '--stdio'],
    env: { ...(process.env as Record<string, string>), BERTH_HOME: home, BERTH_LOG_FORMAT: 'json' },
    stderr: 'pipe',
  });
  const client = new Client({ name: 'sandbox-manager-test', version: '1.0.0' });
  await client.connect(transport);
  return {
    client,
    home,
    pid: transport.pid,
    call: async (name, args) => {
      const result = await client.callTool({ name: `sandbox-manager__${name}`, arguments: args }, undefined, { timeout: 120_000 });
      if (result.isError === true) {
        const text = (result.content as { type: string; text?: string }[]).map((c) => c.text ?? '').join('\n');
        throw new Error(text);
      }
      return result.structuredContent as Record<string, unknown>;
    },
    close: () => client.close(),
  };
}
