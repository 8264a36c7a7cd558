import { spawn } from 'node:child_process';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { berthMain, repoRoot, runBerth, startServe, tempHome } from './run-berth.js';

// The specification's example, linked into the user root (which takes precedence over the core plugin of the
// same name shipped with Berth).
const specRoot: string[] = [];
const specFixture = path.join(repoRoot, 'packages/host/test/fixtures/lifecycle/spec/docker-mcp-tools');

async function approveSpecExample(home: string): Promise<void> {
  await mkdir(path.join(home, 'config'), { recursive: true });
  const grants = [{ permission: 'docker.access' }, { permission: 'filesystem.read' }];
  await writeFile(path.join(home, 'config', 'config.json'), JSON.stringify({ plugins: { 'docker-mcp-tools': { grants, approvedVersion: '1.0.0' } } }));
}

describe('berth plugins and serve with the specification example', { timeout: 240_000 }, () => {
  let home: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ home, cleanup } = await tempHome());
    await mkdir(path.join(home, 'data', 'plugins'), { recursive: true });
    await symlink(specFixture, path.join(home, 'data', 'plugins', 'docker-mcp-tools'));
  });
  afterEach(async () => cleanup());

  it('plugins list --json shows the approved specification example ready (resolved: listing starts nothing), with stable fields', async () => {
    await approveSpecExample(home);
    const run = await runBerth(home, [...specRoot, 'plugins', 'list', '--json']);
    expect(run.code).toBe(0);
    const plugin = (JSON.parse(run.stdout) as Record<string, unknown>[]).find((p) => p['name'] === 'docker-mcp-tools');
    expect(plugin).toMatchObject({ name: 'docker-mcp-tools', version: '1.0.0', type: 'mcp', state: 'resolved', root: 'user', activation: 'startup' });
  });

  it('plugins list shows it waiting for approval, naming the permissions, when not approved', async () => {
    const run = await runBerth(home, [...specRoot, 'plugins', 'list']);
    expect(run.stdout).toMatch(/docker-mcp-tools\s+1\.0\.0\s+mcp\s+needs-approval\s+user\s+waiting for approval of: docker\.access, filesystem\.read/);
  });

  it('validate reports each problem with file and JSON path, exit code 1', async () => {
    const run = await runBerth(home, ['validate', 'packages/host/test/fixtures/lifecycle/mixed/good', 'packages/host/test/fixtures/lifecycle/mixed/broken']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^ok {5}packages\/host\/test\/fixtures\/lifecycle\/mixed\/good \(good\)$/m);
    expect(run.stdout).toMatch(/broken\/plugin\.json: \/: .*line 2, column 1/);
  });

  it('schema prints the plugin.json JSON Schema', async () => {
    const run = await runBerth(home, ['schema']);
    const schema = JSON.parse(run.stdout) as { properties: Record<string, unknown> };
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['name', 'version', 'type', 'main', 'permissions', 'configuration']));
  });

  it('serve starts with it loaded, answers /health, and stops cleanly on SIGTERM', async () => {
    await approveSpecExample(home);
    const child = spawn(process.execPath, [berthMain, ...specRoot, 'serve', '--port', '0'], {
      cwd: repoRoot,
      env: { ...process.env, BERTH_HOME: home, BERTH_LOG_FORMAT: 'json' },
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`serve did not start:\n${stderr}`)), 60_000);
      child.stderr.on('data', () => {
        const match = /MCP endpoint\s+(http:\/\/\S+)\/mcp/.exec(stderr);
        if (match?.[1] !== undefined) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
    });
    expect(stderr).toMatch(/active\s+docker-mcp-tools@1\.0\.0/);
    expect((await fetch(`${url}/health`)).status).toBe(200);
    const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
    expect(stderr).toContain('berth: stopped');
  });

  it('serve warns once at start-up when plugins run without bubblewrap, naming what is not protected', async () => {
    await approveSpecExample(home);
    const serve = await startServe(home, [], { BERTH_SANDBOX: 'nobwrap' });
    try {
      const warnings = serve.stderr().match(/warning: plugins run without bubblewrap/g) ?? [];
      expect(warnings).toHaveLength(1);
      expect(serve.stderr()).toContain('network is only blocked by an in-process guard');
    } finally {
      expect(await serve.stop()).toBe(0);
    }
  });
});
