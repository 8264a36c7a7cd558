import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** A running `npm run watch` of a plugin folder. */
export interface WatchScript {
  /** Ends it (and the compiler it started). */
  stop(): void;
}

/**
 * Starts the plugin folder's `watch` script (`npm run watch`, e.g. `tsc --watch`) when its package.json has one, so a
 * save of the TypeScript source rebuilds `main` and `berth dev`'s folder watch reloads the new build. Its output goes
 * to stderr (stdout may carry MCP). Undefined when there is no such script.
 */
export function startWatchScript(dir: string): WatchScript | undefined {
  let scripts: Record<string, unknown> | undefined;
  try {
    scripts = (JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { scripts?: Record<string, unknown> }).scripts;
  } catch {
    return undefined;
  }
  if (typeof scripts?.['watch'] !== 'string') return undefined;
  const child: ChildProcess = spawn('npm', ['run', '--silent', 'watch'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  child.stdout?.on('data', (chunk: Buffer) => process.stderr.write(chunk));
  child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(chunk));
  child.on('error', (error) => process.stderr.write(`berth dev: npm run watch failed to start: ${error.message}\n`));
  const stop = (): void => {
    if (child.exitCode !== null || child.pid === undefined) return;
    try {
      process.kill(-child.pid, 'SIGTERM'); // the whole group: npm and the compiler it runs
    } catch {
      child.kill('SIGTERM');
    }
  };
  process.once('exit', stop);
  process.stderr.write(`berth dev: running its watch script (${scripts['watch']}): a save rebuilds it, the rebuild reloads it\n`);
  return { stop };
}
