import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../run-berth.js';

// Acceptance 4: the CLI packed on its own (npm run pack:cli), installed globally into a temporary prefix, runs
// outside the repository: berth serve starts the core plugins, and the installed berth talks to it.

function run(file: string, args: readonly string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(file, args, { ...options, timeout: 900_000, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : 1, stdout, stderr }),
    );
  });
}

describe('the CLI installed on its own', { timeout: 1_200_000 }, () => {
  const temps: string[] = [];
  afterAll(async () => {
    for (const dir of temps) await rm(dir, { recursive: true, force: true });
  });

  it('packs, installs with npm install -g into a prefix, and serves the core plugins outside the repository', async () => {
    const [out, prefix, home] = await Promise.all(['berth-pack-out-', 'berth-prefix-', 'berth-global-home-'].map((p) => mkdtemp(path.join(os.tmpdir(), p))));
    temps.push(out, prefix, home);
    const env: NodeJS.ProcessEnv = { ...process.env, BERTH_HOME: home, BERTH_LOG_FORMAT: 'json' };
    for (const key of Object.keys(env)) if (key.startsWith('npm_') && key !== 'npm_config_cache') delete env[key];
    const pack = await run(process.execPath, [path.join(repoRoot, 'packages', 'cli', 'scripts', 'pack.mjs'), out], { cwd: repoRoot, env });
    expect(pack.code, pack.stderr).toBe(0);
    const tarball = pack.stdout.trim();
    expect(path.basename(tarball)).toBe('berth-cli-0.1.0.tgz');
    const install = await run('npm', ['install', '-g', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', tarball], { cwd: home, env });
    expect(install.code, install.stderr).toBe(0);
    const berth = path.join(prefix, 'bin', 'berth');
    expect((await run(berth, ['--version'], { cwd: home, env })).stdout.trim()).toBe('0.1.0');

    const serve = spawn(berth, ['serve', '--port', '0'], { cwd: home, env });
    let stderr = '';
    serve.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise((resolve) => serve.once('exit', resolve));
    try {
      const end = Date.now() + 120_000;
      while (!stderr.includes('control socket') && serve.exitCode === null && Date.now() < end) await new Promise((r) => setTimeout(r, 200));
      expect(stderr).toMatch(/3 of 3 plugins ready/);
      const list = JSON.parse((await run(berth, ['plugins', 'list', '--json'], { cwd: home, env })).stdout) as { name: string; state: string; root: string; dir: string }[];
      expect(list.map((p) => [p.name, p.state, p.root])).toEqual([
        ['docker-llm', 'active', 'core'],
        ['docker-mcp-tools', 'active', 'core'],
        ['sandbox-manager', 'active', 'core'],
      ]);
      for (const p of list) expect(p.dir.startsWith(prefix)).toBe(true);
    } finally {
      serve.kill('SIGTERM');
      await exited;
    }
  });
});
