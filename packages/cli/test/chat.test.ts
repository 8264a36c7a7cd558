import { spawn } from 'node:child_process';
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

  it('an unknown model is a clear error with exit code 3', async () => {
    const run = await runBerth(home, [...examples, 'chat', 'echo-provider/nope', 'hi']);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/error BERTH_PROVIDER_MODEL_NOT_FOUND: .*no model 'nope'/);
  });
});
