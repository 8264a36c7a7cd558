import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { Harness } from './client.js';

/** The built `berth` command. */
const BERTH = fileURLToPath(new URL('../../../../packages/cli/dist/main.js', import.meta.url));
/** This plugin's folder. */
const PLUGIN_DIR = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The tools through `berth serve --stdio`: a fresh BERTH_HOME whose only plugin folder holds docker-mcp, with
 * `docker.access` granted, the allowed roots granted for reading and writing, and `settings` saved as the plugin's
 * settings.
 */
export const throughBerthServe: Harness = {
  toolName: (name) => `docker-mcp-tools__${name}`,
  transport: (settings) => {
    const home = mkdtempSync(join(tmpdir(), 'berth-serve-dmcp-'));
    mkdirSync(join(home, 'config'), { recursive: true });
    mkdirSync(join(home, 'plugins'));
    symlinkSync(PLUGIN_DIR, join(home, 'plugins', 'docker-mcp'));
    const roots = Array.isArray(settings['allowed_roots']) ? (settings['allowed_roots'] as string[]) : [];
    // The allowed roots are granted for reading (copy in, build contexts) and writing (copy out), as a user would.
    const grants = [
      { permission: 'docker.access' },
      ...(roots.length > 0 ? [{ permission: 'filesystem.read', scope: roots }, { permission: 'filesystem.write', scope: roots }] : [{ permission: 'filesystem.read' }]),
    ];
    writeFileSync(join(home, 'config', 'config.json'), JSON.stringify({ plugins: { 'docker-mcp-tools': { grants, approvedVersion: '1.0.0', settings } } }));
    return new StdioClientTransport({
      command: process.execPath,
      args: [BERTH, '--plugins-dir', join(home, 'plugins'), 'serve', '--stdio'],
      env: { ...(process.env as Record<string, string>), BERTH_HOME: home, BERTH_LOG_FORMAT: 'json' },
      stderr: 'pipe',
    });
  },
};
