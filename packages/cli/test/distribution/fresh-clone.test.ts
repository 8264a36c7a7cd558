import { execFile, spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../run-berth.js';

// Acceptance 4: a fresh clone of the committed HEAD, `npm ci`, then `npx berth --version` and every command of the
// README's tour exactly as written (long-running ones — serve, dev — until they say they serve).

/** The `npx berth …` lines of the README's tour block (the first sh block after "## A short tour"). */
export async function tourCommands(readme: string): Promise<string[]> {
  const text = await readFile(readme, 'utf8');
  const tour = text.slice(text.indexOf('## A short tour'));
  const block = /```sh\n([\s\S]*?)```/.exec(tour)?.[1] ?? '';
  return block.split('\n').map((line) => line.replace(/\s+#\s.*$/, '').trim()).filter((line) => line.startsWith('npx berth'));
}

function sh(cwd: string, command: string, env: NodeJS.ProcessEnv, timeout = 900_000): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('bash', ['-c', command], { cwd, env, timeout, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : 1, stdout, stderr }),
    );
  });
}

/**
 * Runs a long-running command until it prints `ready` on stderr, then stops it with SIGINT (its whole process group,
 * as Ctrl-C does: npx does not forward the signal); resolves with its stderr.
 */
function untilReady(cwd: string, command: string, env: NodeJS.ProcessEnv, ready: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', `exec ${command}`], { cwd, env, detached: true });
    const signal = (name: NodeJS.Signals): void => {
      try {
        process.kill(-(child.pid ?? 0), name);
      } catch {
        // already gone
      }
    };
    let stderr = '';
    const timer = setTimeout(() => {
      signal('SIGKILL');
      reject(new Error(`${command} did not get ready:\n${stderr}`));
    }, 180_000);
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (ready.test(stderr)) signal('SIGINT');
    });
    child.once('exit', () => {
      clearTimeout(timer);
      if (ready.test(stderr)) resolve(stderr);
      else reject(new Error(`${command} exited before it was ready:\n${stderr}`));
    });
  });
}

describe('a fresh clone', { timeout: 1_500_000 }, () => {
  const temps: string[] = [];
  afterAll(async () => {
    for (const dir of temps) await rm(dir, { recursive: true, force: true });
  });

  it('npm ci, then npx berth --version and the README tour as written', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'berth-clone-'));
    const home = await mkdtemp(path.join(os.tmpdir(), 'berth-clone-home-'));
    temps.push(dir, home);
    const env = { ...process.env, BERTH_HOME: home, BERTH_LOG_FORMAT: 'json', npm_config_prefer_offline: 'true' };
    for (const key of Object.keys(env)) if (key.startsWith('npm_') && key !== 'npm_config_prefer_offline' && key !== 'npm_config_cache') delete env[key];
    const clone = await sh(os.tmpdir(), `git clone --quiet ${JSON.stringify(repoRoot)} ${JSON.stringify(dir)}`, env);
    expect(clone.code, clone.stderr).toBe(0);
    const ci = await sh(dir, 'npm ci --no-audit --no-fund', env);
    expect(ci.code, ci.stderr).toBe(0);
    const version = await sh(dir, 'npx berth --version', env);
    expect(version.stderr).toBe('');
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);

    await cp(path.join(dir, 'examples', 'echo-provider'), path.join(dir, 'my-plugin'), { recursive: true });
    const commands = await tourCommands(path.join(dir, 'README.md'));
    expect(commands.length).toBeGreaterThan(15);
    for (const command of commands) {
      if (/ (serve|dev)\b/.test(command)) {
        const stderr = await untilReady(dir, command, env, /control socket/);
        expect(stderr, command).toMatch(/plugins ready/);
        continue;
      }
      const run = await sh(dir, command, env);
      expect(run.code, `${command}\n${run.stderr}`).toBe(0);
    }
    expect(JSON.parse(await readFile(path.join(dir, 'plugin.schema.json'), 'utf8'))).toHaveProperty('properties.name');
  });
});
