import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { McpPluginConnection, restartWithBackoff } from '@berth/host';
import { memoryLogger } from '../endpoints/mcp/support/http-fixture.js';

const SERVER = fileURLToPath(new URL('./fixtures/short-lived-server.mjs', import.meta.url));

describe('restartWithBackoff', () => {
  it('restarts a dying server with growing delays, then gives up on a crash loop', async () => {
    const { logger, lines } = memoryLogger();
    const connection = new McpPluginConnection({
      plugin: 'flaky',
      server: { kind: 'command', runtime: 'node', command: process.execPath, args: [SERVER], env: { LIFETIME_MS: '1000' }, cwd: process.cwd() },
      logger,
    });
    await connection.connect();
    const pids = new Set([connection.pid()]);
    const stopPid = setInterval(() => pids.add(connection.pid()), 20);
    let loopedAfter: number | undefined;
    const looped = new Promise<void>((resolve) => {
      restartWithBackoff(connection, logger, { initialDelayMs: 50, maxCrashes: 3, windowMs: 60_000 }, (crashes) => {
        loopedAfter = crashes;
        resolve();
      });
    });
    await looped;
    clearInterval(stopPid);
    expect(loopedAfter).toBe(3);
    expect(pids.size).toBeGreaterThanOrEqual(3);
    const restarted = lines.filter((line) => line.includes("restarted the MCP server of plugin 'flaky'"));
    expect(restarted).toHaveLength(2);
    expect(lines.some((line) => line.includes("the MCP server of plugin 'flaky' crashed 3 times in 60000 ms; not restarting it"))).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(connection.state).toBe('down');
    await connection.close();
  });
});
