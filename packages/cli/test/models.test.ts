import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
// The replay server answers with responses recorded from a real Model Runner / llama.cpp server.
import { startReplayServer } from '../../../test/support/replay/index.js';
import { runBerth, tempHome } from './run-berth.js';

describe('berth models (against a server speaking Model Runner’s wire protocol)', { timeout: 120_000 }, () => {
  let home: string;
  let cleanup: () => Promise<void>;
  let replay: { url: string; close: () => Promise<void> };
  beforeEach(async () => {
    ({ home, cleanup } = await tempHome());
    replay = await startReplayServer();
    await mkdir(path.join(home, 'config'), { recursive: true });
    const config = { plugins: { 'docker-llm': { settings: { base_url: replay.url } } } };
    await writeFile(path.join(home, 'config', 'config.json'), JSON.stringify(config));
  });
  afterEach(async () => {
    await replay.close();
    await cleanup();
  });

  it('pull shows the /models/create progress as a progress bar and reports success', async () => {
    const run = await runBerth(home, ['models', 'pull', 'ai/smollm2']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain("ai/smollm2 [########......................]  25% 67.1 MB / 268.4 MB");
    expect(run.stderr).toContain("ai/smollm2 [##############################] 100% Model pulled successfully");
    expect(run.stdout.trim()).toBe('pulled ai/smollm2');
  });

  it('pull reports a failure clearly, keeping the server’s message', async () => {
    const run = await runBerth(home, ['models', 'pull', 'ai/broken']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('no space left on device');
    expect(run.stderr).toMatch(/error BERTH_MODEL_PULL_FAILED: .*ai\/broken/);
  });

  it('reports where it looked when Model Runner is not reachable', async () => {
    await writeFile(path.join(home, 'config', 'config.json'), JSON.stringify({ plugins: { 'docker-llm': { settings: { base_url: 'http://127.0.0.1:9' } } } }));
    const run = await runBerth(home, ['models', 'list']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Docker Model Runner is not reachable (tried base_url setting http://127.0.0.1:9');
    expect(run.stderr).toContain('docker desktop enable model-runner --tcp 12434');
  });
});
