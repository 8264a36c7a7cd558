import { LoggerRef, ProviderRegistryRef, ToolRegistryRef, type Provider } from '@berth/sdk';
import { describe, expect, it } from 'vitest';
import { contextFor, testApi } from './api-fixtures.js';

const echoProvider: Provider = {
  name: 'echo',
  listModels: async () => [{ id: 'echo-1' }],
  chat: async (request) => ({ id: '1', model: request.model, message: { role: 'assistant', content: 'hi' }, finishReason: 'stop' }),
  stream: async function* () {
    yield { type: 'finish', reason: 'stop' } as const;
  },
};

describe('PluginContext', () => {
  it("the spec's services.GetService<IProviderRegistry>().Register(provider) has a typed equivalent", async () => {
    const api = testApi();
    const { context } = contextFor(api, 'custom');
    context.services.get(ProviderRegistryRef).register(echoProvider);
    expect(api.providers.list()).toEqual([{ id: 'custom/echo', plugin: 'custom', name: 'echo' }]);
    expect((await api.providers.listModels()).map((m) => m.id)).toEqual(['custom/echo-1']);
  });

  it('the tool registry and logger are host services too, scoped to the consumer', async () => {
    const api = testApi();
    const { context } = contextFor(api, 'p');
    context.services.get(ToolRegistryRef).register({ name: 't', description: 'd', inputSchema: { type: 'object' }, handler: () => 'ok' });
    expect((await context.tools.list()).map((t) => t.id)).toEqual(['p/t']);
    context.services.get(LoggerRef).info('hello');
    expect(api.lines.at(-1)).toMatchObject({ plugin: 'p', msg: 'hello' });
  });

  it('dispose() removes everything the plugin registered, through the context or the services', async () => {
    const api = testApi({ p: ['hooks.tools'] });
    const handle = contextFor(api, 'p');
    const { context } = handle;
    context.tools.register({ name: 'a', description: 'd', inputSchema: { type: 'object' }, handler: () => 'ok' });
    context.services.get(ToolRegistryRef).register({ name: 'b', description: 'd', inputSchema: { type: 'object' }, handler: () => 'ok' });
    context.providers.register(echoProvider);
    context.hooks.on('tool:beforeCall', () => undefined);
    context.events.on('x:y', () => undefined);
    handle.dispose();
    expect(api.tools.list()).toEqual([]);
    expect(api.providers.list()).toEqual([]);
    expect(api.hooks.count('tool:beforeCall')).toBe(0);
    expect(api.events.count('x:y')).toBe(0);
    expect(() => context.tools.register({ name: 'c', description: 'd', inputSchema: {}, handler: () => 'x' })).toThrow(
      "cannot register a tool for plugin 'p': it is stopped",
    );
  });

  it('carries the identity, config, dataDir and a logger with the plugin name; everything else is functions and data', () => {
    const api = testApi();
    const { context } = contextFor(api, 'p');
    expect(context.plugin).toEqual({ name: 'p', version: '1.0.0', dir: '/plugins/p' });
    expect(context.dataDir).toBe('/data/p');
    context.logger.warn('careful');
    expect(api.lines.at(-1)).toMatchObject({ plugin: 'p', msg: 'careful', level: 40 });
    expect(Object.isFrozen(context)).toBe(true);
  });
});
