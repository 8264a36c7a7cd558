import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLUGIN_DEFINITION, normalizePermission } from '@berth/sdk';
import type { JsonValue, PluginContext, Provider } from '@berth/sdk';
import { loadManifest } from '@berth/host';
import plugin from '../src/index.js';
import { startReplayServer } from './support.js';
import type { Replay } from './support.js';

const PLUGIN_DIR = fileURLToPath(new URL('..', import.meta.url));

let replay: Replay;
beforeAll(async () => {
  replay = await startReplayServer();
});
afterAll(() => replay.close());

/** The parts of a context the plugin uses, recording what it does. */
function contextWith(settings: Record<string, JsonValue>) {
  const registered: Provider[] = [];
  const logs: string[] = [];
  const log = (a: unknown, b?: string): void => void logs.push(typeof a === 'string' ? a : (b ?? ''));
  const context = {
    plugin: { name: 'docker-llm', version: '1.0.0', dir: PLUGIN_DIR },
    providers: {
      register: (provider: Provider) => {
        registered.push(provider);
        return () => undefined;
      },
    },
    config: { get: (key: string) => settings[key], all: () => settings },
    logger: { trace: log, debug: log, info: log, warn: log, error: log },
  } as unknown as PluginContext;
  return { context, registered, logs };
}

describe('the docker-llm plugin', () => {
  it('has a plugin.json the host accepts: a provider plugin whose main is the built dist/index.js', async () => {
    const loaded = await loadManifest(PLUGIN_DIR);
    expect(loaded.ok, loaded.ok ? '' : loaded.error.message).toBe(true);
    if (!loaded.ok) return;
    expect(loaded.warnings).toEqual([]);
    expect(loaded.manifest).toMatchObject({ name: 'docker-llm', type: 'provider', main: 'dist/index.js' });
    expect(loaded.mainPath).toMatch(/plugins\/docker-llm\/dist\/index\.js$/);
  });

  it('asks only for network access, scoped to where Model Runner is (no docker.access, no unscoped network)', async () => {
    const loaded = await loadManifest(PLUGIN_DIR);
    if (!loaded.ok) throw loaded.error;
    const permissions = loaded.manifest.permissions.map((p) => normalizePermission(p));
    expect(permissions).toEqual([
      {
        permission: 'network',
        scope: ['localhost:12434', '127.0.0.1:12434', 'model-runner.docker.internal', 'model-runner.docker.internal:80', 'model-runner.docker.internal:12434', '172.17.0.1:12434'],
      },
    ]);
  });

  it('is a definePlugin whose initialize registers the provider, configured from context.config, and reports where Model Runner is', async () => {
    expect(plugin[PLUGIN_DEFINITION]).toBe(true);
    const { context, registered, logs } = contextWith({ base_url: replay.url, engine: 'llama.cpp' });
    await plugin.initialize(context);
    expect(registered).toHaveLength(1);
    const provider = registered[0] as Provider;
    expect(provider.name).toBe('docker-llm');
    const answer = await provider.chat({ model: 'ai/tiny-test', messages: [{ role: 'user', content: 'Hi' }] });
    expect(answer.message.content).toBe('Hello! I am a tiny test model.');
    expect(replay.requests.at(-1)?.url).toBe('/engines/llama.cpp/v1/chat/completions');
    expect(logs).toContain(`using Docker Model Runner at base_url setting ${replay.url}`);
  });

  it('starts even when Model Runner is not reachable, warning with what was tried; calls then fail clearly', async () => {
    const { context, registered, logs } = contextWith({ base_url: 'http://127.0.0.1:1' });
    await plugin.initialize(context);
    const provider = registered[0] as Provider;
    await expect(provider.listModels()).rejects.toMatchObject({ code: 'BERTH_PROVIDER_UNAVAILABLE' });
    expect(logs.some((l) => l.includes('Docker Model Runner is not reachable (tried base_url setting http://127.0.0.1:1'))).toBe(true);
  });
});
