import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POSTGRES_BIN, startPostgres, type PostgresInstance } from './postgres.js';

const run = promisify(execFile);

describe('startPostgres (test support)', () => {
  let pg: PostgresInstance;
  beforeAll(async () => {
    pg = await startPostgres();
  });
  afterAll(async () => {
    await pg?.stop();
  });

  it('answers SQL over TCP on 127.0.0.1 with the password it returns, as its own user and database', async () => {
    const { stdout } = await run(join(POSTGRES_BIN, 'psql'), [pg.url, '-At', '-c', 'select current_user, current_database(), 6*7'], {
      timeout: 30_000,
    });
    expect(stdout.trim()).toBe(`${pg.user}|${pg.database}|42`);
    expect(pg.host).toBe('127.0.0.1');
  });

  it('refuses a wrong password', async () => {
    const wrong = pg.url.replace(pg.password, 'wrong');
    await expect(run(join(POSTGRES_BIN, 'psql'), [wrong, '-c', 'select 1'], { timeout: 30_000 })).rejects.toThrow(/password/);
  });
});
