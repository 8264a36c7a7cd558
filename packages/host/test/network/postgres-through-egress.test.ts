import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProcessRunner, probeBwrap, type PluginInstance, type SandboxMode } from '@berth/host';
import { startPostgres, type PostgresInstance } from '../../../../test/support/postgres.js';
import { createHarness, runnable, type Harness } from '../sandbox/harness.js';

const FIXTURE = fileURLToPath(new URL('./fixtures/pg-client', import.meta.url));
const modes: SandboxMode[] = probeBwrap().usable ? ['bwrap', 'nobwrap'] : ['nobwrap'];

describe.each(modes)('an unmodified PostgreSQL client in a plugin granted network:127.0.0.1:<port> (%s)', (mode) => {
  let h: Harness;
  let db: PostgresInstance;
  let instance: PluginInstance;

  beforeAll(async () => {
    db = await startPostgres();
    h = createHarness();
    const plugin = runnable(FIXTURE);
    h.grants.set(plugin.name, [{ permission: 'network', scope: [`127.0.0.1:${db.port}`] }]);
    instance = await new ProcessRunner({ mode, grants: (p) => h.grants.get(p) ?? [], audit: (r) => h.audit.record(r) }).start(plugin, h.context(plugin));
  }, 120_000);
  afterAll(async () => {
    await instance?.stop();
    await db?.stop();
    h?.cleanup();
  });

  const query = async (sql: string, port = db.port, host = db.host) =>
    (await h.api.tools.call('pg-client/query', { sql, connection: { host, port, user: db.user, password: db.password, database: db.database } })).structuredContent as {
      ok: boolean;
      rows?: Record<string, unknown>[];
      code?: string;
    };

  it('reaches the real PostgreSQL on loopback through the grant and runs queries', async () => {
    const answer = await query("select version() as v, current_database() as d");
    expect(answer).toMatchObject({ ok: true, rows: [{ v: expect.stringContaining('PostgreSQL'), d: db.database }] });
    expect(await query('create table t (x int); insert into t values (41), (1); select sum(x)::int as s from t')).toMatchObject({ ok: true });
    expect(await query('select sum(x)::int as s from t')).toEqual({ ok: true, rows: [{ s: 42 }] });
  }, 60_000);

  it('is refused another port of loopback', async () => {
    expect(await query('select 1', db.port + 1)).toMatchObject({ ok: false });
    if (mode === 'bwrap') {
      expect(h.audit.read({ plugin: 'pg-client' })).toEqual(expect.arrayContaining([
        expect.objectContaining({ source: 'egress-proxy', target: `127.0.0.1:${db.port}`, allowed: true }),
      ]));
    }
  }, 60_000);
});
