import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPort, packFixture, serverPackage } from '../../../host/test/sources/fixture-packages.js';
import { berthMain, repoRoot, runBerth, startServe, tempHome, type BerthRun } from '../run-berth.js';
import { connectToServe } from '../mcp-servers/serve-client.js';

// Issue 12: env by name, secrets in the secrets file, --env values; approval refused without a terminal and without
// --yes (nothing installed); an unreachable registry is a clear error. A local npm-packed MCP server, no registry.

function berthWithStdin(home: string, args: readonly string[], input: string): Promise<BerthRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [berthMain, ...args], { cwd: repoRoot, env: { ...process.env, BERTH_HOME: home, BERTH_LOG_FORMAT: 'json' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (code) => resolve({ code: code ?? 1, stdout, stderr }));
    child.stdin.end(input);
  });
}

describe('berth mcp add: env, secrets, refusal, offline', { timeout: 240_000 }, () => {
  let home: string;
  let cleanup: () => Promise<void>;
  let tarball: string;
  beforeAll(async () => {
    ({ home, cleanup } = await tempHome());
    ({ tarball } = await packFixture(serverPackage('berth-fixture-env-server', '1.0.0'), path.join(home, 'src')));
  });
  afterAll(async () => cleanup());

  it('without a terminal and without --yes nothing is installed (exit 4)', async () => {
    const run = await runBerth(home, ['mcp', 'add', 'refused', tarball, '--env-from', 'HOME']);
    expect(run.code).toBe(4);
    expect(run.stderr).toContain('read the environment variable HOME');
    expect(run.stdout).toContain('not approved: nothing was installed or changed');
    expect(existsSync(path.join(home, 'data', 'plugins', 'refused'))).toBe(false);
    expect(existsSync(path.join(home, 'config', 'plugins.lock.json'))).toBe(false);
  });

  it('passes a variable by name only when named, a secret from the secrets file, and --env values', async () => {
    const run = await berthWithStdin(home, ['mcp', 'add', 'envy', tarball, '--env-from', 'PASSED_VAR', '--secret', 'API_TOKEN', '--env', 'MODE=fast', '--yes'], 's3cret-value\n');
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('read the environment variable PASSED_VAR');
    const secrets = path.join(home, 'config', 'secrets.json');
    expect(readFileSync(secrets, 'utf8')).toContain('s3cret-value');
    expect(statSync(secrets).mode & 0o777).toBe(0o600);
    expect(readFileSync(path.join(home, 'config', 'config.json'), 'utf8')).not.toContain('s3cret-value');
    expect(readFileSync(path.join(home, 'config', 'plugins.lock.json'), 'utf8')).not.toContain('s3cret-value');
    const serve = await startServe(home, [], { PASSED_VAR: 'passed', OTHER_VAR: 'must not pass' });
    const client = await connectToServe(home, serve);
    try {
      expect(await client.call('envy__getenv', { name: 'PASSED_VAR' })).toBe('passed');
      expect(await client.call('envy__getenv', { name: 'OTHER_VAR' })).toBe('(unset)');
      expect(await client.call('envy__getenv', { name: 'API_TOKEN' })).toBe('s3cret-value');
      expect(await client.call('envy__getenv', { name: 'MODE' })).toBe('fast');
    } finally {
      await client.close();
      await serve.stop();
    }
  });

  it('a server added while berth serve runs is loaded by it at once (control socket), grants and all', async () => {
    const serve = await startServe(home);
    const client = await connectToServe(home, serve);
    try {
      const run = await runBerth(home, ['mcp', 'add', 'live', tarball, '--yes']);
      expect(run.code).toBe(0);
      expect(run.stderr).toContain('the running berth serve');
      expect(await client.call('live__echo', { text: 'no restart' })).toBe('echo: no restart');
      const info = JSON.parse((await runBerth(home, ['plugins', 'inspect', 'live', '--json'])).stdout) as { state: string; tier?: string };
      expect(info).toMatchObject({ state: 'active', tier: expect.stringMatching(/^mcp server, process/) });

      // Removed while it runs: the server unloads it at once, its tools gone from the endpoint.
      const removed = await runBerth(home, ['mcp', 'remove', 'live']);
      expect(removed.code).toBe(0);
      expect(removed.stderr).toContain('live: its folder is gone: 1.0.0 unloaded');
      expect(await client.toolNames()).not.toContain('live__echo');
      const listed = JSON.parse((await runBerth(home, ['plugins', 'list', '--json'])).stdout) as { name: string }[];
      expect(listed.map((p) => p.name)).not.toContain('live');
    } finally {
      await client.close();
      await serve.stop();
    }
  });

  it('registry unreachable: BERTH_REGISTRY_UNREACHABLE naming the registry, exit 1, nothing changed', async () => {
    const registry = `http://127.0.0.1:${await closedPort()}/`;
    const lockBefore = readFileSync(path.join(home, 'config', 'plugins.lock.json'), 'utf8');
    const run = await runBerth(home, ['mcp', 'add', 'offline', 'npm:@modelcontextprotocol/server-memory', '--registry', registry, '--yes']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('BERTH_REGISTRY_UNREACHABLE');
    expect(run.stderr).toContain(`the package registry ${registry} is unreachable (ECONNREFUSED); nothing was changed`);
    expect(readFileSync(path.join(home, 'config', 'plugins.lock.json'), 'utf8')).toBe(lockBefore);
    expect(existsSync(path.join(home, 'data', 'plugins', 'offline'))).toBe(false);
  });
});
