import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ErrorCodes, type JsonValue, type PluginDefinition, type StreamPart } from '@berth/sdk';
import { createPluginContext, type PluginApi } from '@berth/host';
import { describe, expect, it } from 'vitest';
import { testApi } from './api-fixtures.js';

const examples = fileURLToPath(new URL('../../../../examples/', import.meta.url));

/** Starts example `name` on `api`: its manifest's setting defaults as config, its definition's initialize. */
async function start(api: PluginApi, name: string): Promise<void> {
  const manifest = JSON.parse(readFileSync(`${examples}${name}/plugin.json`, 'utf8')) as {
    version: string;
    configuration?: Record<string, { default?: JsonValue }>;
  };
  const settings = Object.fromEntries(Object.entries(manifest.configuration ?? {}).map(([k, s]) => [k, s.default ?? null]));
  const { context } = createPluginContext({
    api,
    plugin: { name, version: manifest.version, dir: `${examples}${name}` },
    config: { get: <T extends JsonValue>(key: string) => settings[key] as T | undefined, all: () => settings },
    dataDir: `/tmp/${name}`,
  });
  const module = (await import(`${examples}${name}/index.js`)) as { default: PluginDefinition };
  await module.default.initialize(context);
}

describe('examples', () => {
  it('echo-tool registers echo-tool/echo, which runs; invalid arguments are refused listing each violation', async () => {
    const api = testApi();
    await start(api, 'echo-tool');
    expect(api.tools.list().map((t) => t.id)).toEqual(['echo-tool/echo']);
    expect(await api.tools.call('echo-tool/echo', { text: 'hi', times: 2 })).toEqual({
      content: [{ type: 'text', text: 'hi hi' }],
      structuredContent: { text: 'hi', times: 2 },
    });
    await expect(api.tools.call('echo-tool/echo', { times: 11, loud: true })).rejects.toMatchObject({
      code: ErrorCodes.TOOL_INPUT_INVALID,
      message: [
        "invalid arguments for tool 'echo-tool/echo' (plugin 'echo-tool'), 3 problem(s):",
        '  /text: is required',
        '  /loud: is not an allowed property',
        '  /times: must be <= 10',
      ].join('\n'),
    });
  });

  it('deny-guard (granted hooks.tools) denies a call to echo-tool/echo', async () => {
    const api = testApi({ 'deny-guard': ['hooks.tools'] });
    await start(api, 'echo-tool');
    await start(api, 'deny-guard');
    await expect(api.tools.call('echo-tool/echo', { text: 'hi' })).rejects.toMatchObject({
      code: ErrorCodes.TOOL_DENIED,
      message: "call to tool 'echo-tool/echo' denied by the guard of plugin 'deny-guard': this tool is disabled by the deny-guard plugin",
    });
  });

  it('deny-guard without hooks.tools fails to start, naming the permission', async () => {
    const api = testApi();
    await expect(start(api, 'deny-guard')).rejects.toMatchObject({ code: ErrorCodes.PERMISSION_DENIED, message: expect.stringContaining("plugin 'deny-guard' needs permission 'hooks.tools'") });
  });

  it('echo-provider answers deterministically and streams word by word', async () => {
    const api = testApi();
    await start(api, 'echo-provider');
    expect((await api.providers.listModels()).map((m) => m.id)).toEqual(['echo-provider/echo-1']);
    const request = { messages: [{ role: 'user' as const, content: 'the quick brown fox' }] };
    expect((await api.providers.chat('echo-provider/echo-1', request)).message.content).toBe('the quick brown fox');
    const parts: StreamPart[] = [];
    for await (const part of api.providers.stream('echo-provider/echo-1', request)) parts.push(part);
    expect(parts.map((p) => p.type)).toEqual(['start', 'text-delta', 'text-delta', 'text-delta', 'text-delta', 'usage', 'finish']);
    expect(parts.filter((p) => p.type === 'text-delta').map((p) => (p as { text: string }).text)).toEqual(['the', ' quick', ' brown', ' fox']);
    await expect(api.providers.chat('echo-provider/other', request)).rejects.toMatchObject({ code: ErrorCodes.PROVIDER_MODEL_NOT_FOUND });
  });
});
