import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Where Debian 12 installs PostgreSQL 15's server programs (package `postgresql`). */
export const POSTGRES_BIN = '/usr/lib/postgresql/15/bin';

/** A throwaway PostgreSQL server started by a test, listening on 127.0.0.1 only. */
export interface PostgresInstance {
  /** Always `127.0.0.1`. */
  readonly host: string;
  /** The free port it listens on. */
  readonly port: number;
  /** A superuser created for this instance. */
  readonly user: string;
  /** Its password (password authentication is required on TCP). */
  readonly password: string;
  /** A database created for the test, owned by `user`. */
  readonly database: string;
  /** `postgresql://user:password@127.0.0.1:port/database`. */
  readonly url: string;
  /** Stops the server and removes its data folder. Safe to call twice. */
  stop(): Promise<void>;
}

/** Options of {@link startPostgres}. */
export interface StartPostgresOptions {
  /** The user to create (default `berth`). */
  readonly user?: string;
  /** The database to create (default `berth`). */
  readonly database?: string;
}

/** A port nobody listens on right now (the kernel's choice for port 0). */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** The uid and gid of the `postgres` system user (PostgreSQL refuses to run as root). */
async function postgresIds(): Promise<{ uid: number; gid: number }> {
  const { stdout } = await run('id', ['-u', 'postgres']);
  const { stdout: g } = await run('id', ['-g', 'postgres']);
  return { uid: Number(stdout.trim()), gid: Number(g.trim()) };
}

/** Runs a PostgreSQL program as user `postgres` (via `runuser` when we are root). */
function asPostgres(program: string, args: readonly string[]): { file: string; args: string[] } {
  const file = join(POSTGRES_BIN, program);
  if (process.getuid?.() === 0) return { file: 'runuser', args: ['-u', 'postgres', '--', file, ...args] };
  return { file, args: [...args] };
}

async function runAsPostgres(program: string, args: readonly string[]): Promise<string> {
  const cmd = asPostgres(program, args);
  try {
    const { stdout } = await run(cmd.file, cmd.args, { timeout: 60_000 });
    return stdout;
  } catch (error) {
    const e = error as Error & { stderr?: string };
    throw new Error(`${program} failed: ${e.message}\n${e.stderr ?? ''}`);
  }
}

/**
 * Starts a real Debian PostgreSQL 15 in a fresh temp data folder owned by `postgres`, listening on 127.0.0.1 at a
 * free port (TCP with scram-sha-256 password auth; its Unix socket in the data folder, not /var/run). Creates a
 * superuser and a database for the test. Call `stop()` in `afterAll`.
 */
export async function startPostgres(options: StartPostgresOptions = {}): Promise<PostgresInstance> {
  const user = options.user ?? 'berth';
  const database = options.database ?? 'berth';
  const password = randomBytes(12).toString('hex');
  const root = mkdtempSync(join(tmpdir(), 'berth-pg-'));
  const dataDir = join(root, 'data');
  const pwFile = join(root, 'pw');
  const { uid, gid } = await postgresIds();
  writeFileSync(pwFile, `${password}\n`, { mode: 0o600 });
  chownSync(root, uid, gid);
  chownSync(pwFile, uid, gid);
  let stopped = false;
  const cleanup = (): void => rmSync(root, { recursive: true, force: true });
  try {
    await runAsPostgres('initdb', [
      '-D', dataDir, '-U', user, `--pwfile=${pwFile}`, '--auth-host=scram-sha-256', '--auth-local=trust',
      '--encoding=UTF8', '--locale=C', '--no-sync',
    ]);
    let port = 0;
    let lastError: unknown;
    for (let attempt = 0; attempt < 5; attempt++) {
      port = await freePort();
      try {
        await runAsPostgres('pg_ctl', [
          '-D', dataDir, '-l', join(root, 'postgres.log'), '-w', '-t', '60',
          '-o', `-c listen_addresses=127.0.0.1 -c port=${port} -c unix_socket_directories=${root} -c fsync=off`,
          'start',
        ]);
        lastError = undefined;
        break;
      } catch (error) {
        lastError = error; // most likely someone took the port between our probe and the start: try another
      }
    }
    if (lastError !== undefined) throw lastError;
    await runAsPostgres('createdb', ['-h', root, '-p', String(port), '-U', user, '-O', user, database]);
    const stop = async (): Promise<void> => {
      if (stopped) return;
      stopped = true;
      try {
        await runAsPostgres('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
      } finally {
        cleanup();
      }
    };
    const url = `postgresql://${user}:${password}@127.0.0.1:${port}/${database}`;
    return { host: '127.0.0.1', port, user, password, database, url, stop };
  } catch (error) {
    await runAsPostgres('pg_ctl', ['-D', dataDir, '-m', 'immediate', 'stop']).catch(() => undefined);
    cleanup();
    throw error;
  }
}

