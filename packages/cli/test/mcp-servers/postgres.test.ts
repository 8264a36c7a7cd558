import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { npmPluginFolder } from '../../../../test/support/npm-plugin.js';
import { POSTGRES_BIN, startPostgres, type PostgresInstance } from '../../../../test/support/postgres.js';
import { runBerth, tempHome } from '../run-berth.js';
import { serveAndConnect } from './serve-client.js';

// The published @modelcontextprotocol/server-postgres against a real PostgreSQL 15 on loopback, as a sandboxed mcp
// plugin installed by copy (issue 19, point 1) whose manifest runs its bin name (point 2); its only grant is the
// network, scoped to that one host:port. Answered through berth serve's /mcp with the official SDK client.

const run = promisify(execFile);

describe('@modelcontextprotocol/server-postgres through berth serve', { timeout: 240_000 }, () => {
  let pg: PostgresInstance;
  let home: string;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    pg = await startPostgres();
    await run(path.join(POSTGRES_BIN, 'psql'), [pg.url, '-c', "create table notes (id int primary key, body text); insert into notes values (1, 'kept by postgres')"]);
    ({ home, cleanup } = await tempHome());
    const folder = npmPluginFolder({
      packages: ['@modelcontextprotocol/server-postgres'],
      manifest: {
        name: 'postgres',
        version: '1.0.0',
        type: 'mcp',
        description: 'Read-only SQL over one database (the MCP project reference server), run unmodified.',
        permissions: [{ permission: 'network', hosts: [`127.0.0.1:${pg.port}`] }],
        server: { command: 'mcp-server-postgres', args: [pg.url] },
      },
    });
    const installed = await runBerth(home, ['plugins', 'install', folder, '--yes']);
    rmSync(path.dirname(folder), { recursive: true, force: true });
    expect(installed.code, installed.stderr).toBe(0);
  }, 120_000);
  afterAll(async () => {
    await cleanup?.();
    await pg?.stop();
  });

  it('answers a read-only query over the granted host:port', async () => {
    const served = await serveAndConnect(home);
    try {
      const rows = await served.client.call('postgres__query', { sql: 'select id, body from notes' });
      expect(JSON.parse(rows)).toEqual([{ id: 1, body: 'kept by postgres' }]);
      // The server's own guarantee, through Berth: writes are rolled back (it runs queries READ ONLY).
      await expect(served.client.call('postgres__query', { sql: "insert into notes values (2, 'nope')" })).rejects.toThrow(/read-only/);
    } finally {
      await served.stop();
    }
  });
});
