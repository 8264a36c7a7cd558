import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type PostgresInstance } from '../../../../test/support/postgres.js';
import { runBerth, tempHome } from '../run-berth.js';
import { serveAndConnect } from '../mcp-servers/serve-client.js';

// Issue 12, acceptance 1: a PostgreSQL MCP server (@modelcontextprotocol/server-postgres, published, unmodified)
// added by one command with the database URL as its argument, against a real PostgreSQL on loopback: its only
// grant is network to that one host:port, derived from the URL.

describe('berth mcp add db npm:@modelcontextprotocol/server-postgres -- <url>', { timeout: 300_000 }, () => {
  let home: string;
  let cleanup: () => Promise<void>;
  let pg: PostgresInstance;
  let added: Awaited<ReturnType<typeof runBerth>>;
  beforeAll(async () => {
    ({ home, cleanup } = await tempHome());
    pg = await startPostgres();
    added = await runBerth(home, ['mcp', 'add', 'db', 'npm:@modelcontextprotocol/server-postgres', '--yes', '--', pg.url]);
  }, 240_000);
  afterAll(async () => {
    await cleanup();
    await pg?.stop();
  });

  it('derives one network grant for that host:port and nothing else', async () => {
    expect(added.code).toBe(0);
    expect(added.stderr).toContain(`connect to 127.0.0.1:${pg.port} only (no other host or port)`);
    const info = JSON.parse((await runBerth(home, ['plugins', 'inspect', 'db', '--json'])).stdout) as { grants: unknown[] };
    expect(info.grants).toEqual([{ permission: 'network', scope: [`127.0.0.1:${pg.port}`] }]);
  });

  it('answers a real query through berth serve', async () => {
    const { client, stop } = await serveAndConnect(home);
    try {
      expect(await client.toolNames()).toContain('db__query');
      expect(await client.call('db__query', { sql: 'select 40 + 2 as answer' })).toContain('42');
    } finally {
      await stop();
    }
  });
});
