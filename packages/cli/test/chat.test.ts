import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { berthMain, repoRoot, runBerth, tempHome } from './run-berth.js';

const examples = ['--plugins-dir', 'examples'];

describe('berth chat with the example echo provider (sandboxed)', { timeout: 240_000 }, () => {
  let home: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ home, cleanup } = await tempHome()));
  afterEach(async () => cleanup());

  it('providers list shows the echo model as <plugin>/<model>', async () => {
    const run = await runBerth(home, [...examples, 'providers', 'list', '--json']);
    const { models } = JSON.parse(run.stdout) as { models: { id: string }[] };
    expect(models.map((m) => m.id)).toContain('echo-provider/echo-1');
  });

  it('streams the answer to the terminal (the echo model streams it word by word)', async () => {
    const child = spawn(process.execPath, [berthMain, ...examples, 'chat', 'echo-provider/echo-1', 'one two three four'], {
      cwd: repoRoot,
      env: { ...process.env, BERTH_HOME: home, BERTH_LOG_FORMAT: 'json' },
    });
    const chunks: string[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(0);
    expect(chunks.join('')).toBe('one two three four\n');
  });

  it('starts the provider plugins only: a tool plugin beside them is not started', async () => {
    // A tool plugin that leaves a mark in its data folder when it starts.
    const mine = path.join(home, 'mine');
    await mkdir(path.join(mine, 'marker-tool'), { recursive: true });
    await writeFile(path.join(mine, 'marker-tool', 'package.json'), '{ "type": "module" }');
    await writeFile(path.join(mine, 'marker-tool', 'plugin.json'), JSON.stringify({ name: 'marker-tool', version: '1.0.0', type: 'tool', main: 'index.js' }));
    await writeFile(
      path.join(mine, 'marker-tool', 'index.js'),
      "import { writeFileSync } from 'node:fs';\nimport path from 'node:path';\nexport default { initialize(context) { writeFileSync(path.join(context.dataDir, 'started'), 'yes'); context.tools.register({ name: 'ping', description: 'ping', inputSchema: { type: 'object' }, handler: () => 'pong' }); } };\n",
    );
    const marker = path.join(home, 'data', 'plugin-data', 'marker-tool', 'started');
    const withMine = [...examples, '--plugins-dir', mine];

    const listed = await runBerth(home, [...withMine, 'providers', 'list', '--json']);
    expect((JSON.parse(listed.stdout) as { models: { id: string }[] }).models.map((m) => m.id)).toContain('echo-provider/echo-1');
    const chat = await runBerth(home, [...withMine, 'chat', 'echo-provider/echo-1', 'hi']);
    expect(chat.stdout).toBe('hi\n');
    expect(existsSync(marker)).toBe(false);

    // The mark works: starting the tool plugin leaves it.
    expect((await runBerth(home, [...withMine, 'tools', 'call', 'marker-tool/ping'])).stdout).toContain('pong');
    expect(existsSync(marker)).toBe(true);
  });

  it('an unknown model is a clear error with exit code 3', async () => {
    const run = await runBerth(home, [...examples, 'chat', 'echo-provider/nope', 'hi']);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/error BERTH_PROVIDER_MODEL_NOT_FOUND: .*no model 'nope'/);
  });
});
