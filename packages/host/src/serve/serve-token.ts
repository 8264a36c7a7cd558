import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';

/**
 * Where the endpoint token is kept: `serve-token` in Berth's configuration directory, mode 0600 — never beside a
 * `--config` file, which may sit in a project folder that gets committed.
 */
export function serveTokenFile(configDir: string): string {
  return path.join(configDir, 'serve-token');
}

/**
 * The bearer token of `berth serve`'s HTTP endpoint: `BERTH_TOKEN` when set, else the saved one, else a new random
 * token generated on first run and saved (0600) so clients keep working across restarts.
 */
export async function ensureServeToken(configDir: string, env: Readonly<Record<string, string | undefined>> = process.env): Promise<{ token: string; file?: string; generated: boolean }> {
  const fromEnv = env['BERTH_TOKEN'];
  if (fromEnv !== undefined && fromEnv !== '') return { token: fromEnv, generated: false };
  const file = serveTokenFile(configDir);
  try {
    const saved = (await readFile(file, 'utf8')).trim();
    if (saved.length >= 16) return { token: saved, file, generated: false };
  } catch {
    // no token yet
  }
  const token = randomBytes(32).toString('base64url');
  await mkdir(path.dirname(file), { recursive: true });
  await writeFileAtomic(file, `${token}\n`, { mode: 0o600, fsync: true });
  await chmod(file, 0o600);
  return { token, file, generated: true };
}
