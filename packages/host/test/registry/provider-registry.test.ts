import { collectStream, ContributionConflictError, ErrorCodes, type ChatRequest, type Provider, type StreamPart } from '@berth/sdk';
import { describe, expect, it } from 'vitest';
import { testApi } from '../api/api-fixtures.js';

/** A deterministic provider answering with the last user message, word by word when streaming. */
function echo(name = 'echo', models = ['echo-1']): Provider & { requests: ChatRequest[] } {
  const requests: ChatRequest[] = [];
  const last = (r: ChatRequest): string => String(r.messages.at(-1)?.content ?? '');
  return {
    name,
    requests,
    listModels: async () => models.map((id) => ({ id })),
    chat: async (request) => (requests.push(request), { id: 'c1', model: request.model, message: { role: 'assistant', content: last(request) }, finishReason: 'stop' }),
    stream: async function* (request): AsyncGenerator<StreamPart> {
      requests.push(request);
      for (const [i, word] of last(request).split(' ').entries()) yield { type: 'text-delta', text: i === 0 ? word : ` ${word}` };
      yield { type: 'finish', reason: 'stop' };
    },
    embed: async (request) => ({ model: request.model, embeddings: request.input.map((t) => [t.length]) }),
  };
}

const hello = { messages: [{ role: 'user' as const, content: 'hello big world' }] };

describe('provider registry', () => {
  it('routes <plugin>/<model> to the plugin provider with the bare model id (which may contain slashes)', async () => {
    const api = testApi();
    const provider = echo('echo', ['ai/smollm2']);
    api.providers.register('llm', provider);
    const answer = await api.providers.chat('llm/ai/smollm2', hello);
    expect(answer.message.content).toBe('hello big world');
    expect(provider.requests[0]?.model).toBe('ai/smollm2');
    expect(await api.providers.listModels()).toEqual([{ id: 'llm/ai/smollm2', providerModel: 'ai/smollm2', plugin: 'llm', provider: 'echo' }]);
  });

  it('routes a scoped plugin id after its second slash', async () => {
    const api = testApi();
    const provider = echo('echo', ['ai/smollm2']);
    api.providers.register('@acme/llm', provider);
    await api.providers.chat('@acme/llm/ai/smollm2', hello);
    expect(provider.requests[0]?.model).toBe('ai/smollm2');
    expect(api.providers.list()).toEqual([{ id: '@acme/llm/echo', plugin: '@acme/llm', name: 'echo' }]);
  });

  it('streams typed parts word by word, and embeds', async () => {
    const api = testApi();
    api.providers.register('llm', echo());
    const parts: StreamPart[] = [];
    for await (const part of api.providers.stream('llm/echo-1', hello)) parts.push(part);
    expect(parts.filter((p) => p.type === 'text-delta').map((p) => (p as { text: string }).text)).toEqual(['hello', ' big', ' world']);
    expect((await collectStream(parts)).message.content).toBe('hello big world');
    expect(await api.providers.embed('llm/echo-1', { input: ['ab', 'abc'] })).toEqual({ model: 'echo-1', embeddings: [[2], [3]] });
  });

  it('picks among several providers of one plugin by their model lists', async () => {
    const api = testApi();
    const a = echo('a', ['m1']);
    const b = echo('b', ['m2']);
    api.providers.register('multi', a);
    api.providers.register('multi', b);
    await api.providers.chat('multi/m2', hello);
    expect([a.requests.length, b.requests.length]).toEqual([0, 1]);
  });

  it('answers an unknown plugin or a malformed id with PROVIDER_NOT_FOUND', async () => {
    const api = testApi();
    api.providers.register('llm', echo());
    await expect(api.providers.chat('nope/x', hello)).rejects.toMatchObject({
      code: ErrorCodes.PROVIDER_NOT_FOUND,
      message: "no provider serves model 'nope/x' (expected '<plugin>/<model>', run: berth providers list); plugins with providers: llm",
    });
    await expect(api.providers.chat('echo-1', hello)).rejects.toMatchObject({ code: ErrorCodes.PROVIDER_NOT_FOUND });
  });

  it('refuses a conflicting provider id naming both plugins; an alias resolves it', () => {
    const api = testApi({}, { 'a/echo': 'echo', 'b/echo': 'echo' });
    api.providers.register('a', echo());
    expect(() => api.providers.register('b', echo())).toThrow(ContributionConflictError);
    expect(() => api.providers.register('b', echo())).toThrow("plugin 'b' cannot register provider 'echo': plugin 'a' already registered it");
    const fixed = testApi({}, { 'a/echo': 'echo', 'b/echo': 'b-echo' });
    fixed.providers.register('a', echo());
    fixed.providers.register('b', echo());
    expect(fixed.providers.list().map((p) => p.id)).toEqual(['b-echo', 'echo']);
  });

  it('runs provider:beforeRequest (may rewrite the request, not the routed model) and provider:afterResponse', async () => {
    const api = testApi({ mon: ['hooks.providers'] });
    const provider = echo();
    api.providers.register('llm', provider);
    const seen: unknown[] = [];
    api.hooks.on('mon', 'provider:beforeRequest', (info) => ({ ...info.request, model: 'elsewhere', temperature: 0 }));
    api.hooks.on('mon', 'provider:afterResponse', (info) => void seen.push([info.operation, info.model, info.response !== undefined]));
    await api.providers.chat('llm/echo-1', hello);
    for await (const _ of api.providers.stream('llm/echo-1', hello));
    expect(provider.requests.map((r) => [r.model, r.temperature])).toEqual([['echo-1', 0], ['echo-1', 0]]);
    expect(seen).toEqual([['chat', 'llm/echo-1', true], ['stream', 'llm/echo-1', true]]);
  });

  it('a failing provider:beforeRequest fails the request before the provider sees it; afterResponse sees failures', async () => {
    const api = testApi({ mon: ['hooks.providers'] });
    const provider = echo();
    api.providers.register('llm', { ...provider, chat: async () => Promise.reject(Object.assign(new Error('model crashed'), { code: 'BERTH_PROVIDER_ERROR' })) });
    const seen: unknown[] = [];
    api.hooks.on('mon', 'provider:afterResponse', (info) => void seen.push(info.error));
    await expect(api.providers.chat('llm/echo-1', hello)).rejects.toThrow('model crashed');
    expect(seen).toEqual([{ code: 'BERTH_PROVIDER_ERROR', message: 'model crashed' }]);
    const off = api.hooks.on('mon', 'provider:beforeRequest', () => {
      throw new Error('policy down');
    });
    await expect(api.providers.stream('llm/echo-1', hello).next()).rejects.toMatchObject({
      code: ErrorCodes.HOOK_FAILED,
      message: "the 'provider:beforeRequest' handler of plugin 'mon' failed: policy down",
    });
    expect(provider.requests).toEqual([]);
    off();
  });

  it('unregisterAll removes a plugin providers', () => {
    const api = testApi();
    api.providers.register('llm', echo());
    api.providers.unregisterAll('llm');
    expect(api.providers.list()).toEqual([]);
  });
});
