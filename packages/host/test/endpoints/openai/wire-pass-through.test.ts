import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatRequest, Provider, StreamPart, WireChunkText, WireStreamOptions } from '@berth/sdk';
import { createOpenAiRoutes, createStaticProviderSource } from '@berth/host';
import type { ProviderSource } from '@berth/host';
import { createDockerLlmProvider } from '../../../../../plugins/docker-llm/src/index.js';
import { loadRecording, startReplayServer } from '../../../../../test/support/replay/index.js';
import { testApi } from '../../api/api-fixtures.js';

type Replay = Awaited<ReturnType<typeof startReplayServer>>;

/** The Docker LLM provider with its `stream` and `streamWire` calls counted. */
function countedProvider(replay: Replay): Provider & { calls: { stream: number; streamWire: number } } {
  const inner = createDockerLlmProvider({ discovery: { baseUrl: replay.url } });
  const calls = { stream: 0, streamWire: 0 };
  return {
    name: 'docker-llm',
    calls,
    listModels: (o) => inner.listModels(o),
    chat: (r, o) => inner.chat(r, o),
    stream: (r: ChatRequest, o) => (calls.stream++, inner.stream(r, o)),
    streamWire: (r: ChatRequest, o?: WireStreamOptions) => (calls.streamWire++, (inner.streamWire as NonNullable<Provider['streamWire']>)(r, o)),
  };
}

/** Serves the routes over `source`; returns the base URL and a closer. */
async function serve(source: ProviderSource): Promise<{ url: string; close: () => Promise<void> }> {
  const routes = createOpenAiRoutes(source);
  const server = createServer((req, res) => void routes(req, res).then((handled) => (handled ? undefined : void res.writeHead(404).end())));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

/** A raw streamed chat: the status and the `data:` payloads exactly as they arrived. */
async function rawStream(url: string, body: object): Promise<{ status: number; events: string[]; text: string }> {
  const response = await fetch(`${url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await response.text();
  const events = text.split('\n\n').filter((e) => e !== '').map((e) => e.replace(/^data: /, ''));
  return { status: response.status, events, text };
}

/** The recorded upstream payloads (verbatim text, without `[DONE]`). */
function recordedPayloads(name: string): string[] {
  return loadRecording(name)
    .chunks.join('')
    .split('\n\n')
    .map((e: string) => e.replace(/^data: /, ''))
    .filter((e: string) => e.trim() !== '' && e !== '[DONE]');
}

const HI = { model: 'docker-llm/ai/tiny-test', messages: [{ role: 'user', content: 'Hi' }], stream: true };

let replay: Replay;
beforeAll(async () => {
  replay = await startReplayServer();
});
afterAll(() => replay.close());

describe('/v1 streams a wire-speaking provider straight through (Provider.streamWire)', () => {
  it('sends the upstream chunks byte for byte, only the model field rewritten to the id the client asked for', async () => {
    const provider = countedProvider(replay);
    const served = await serve(createStaticProviderSource({ 'docker-llm': provider }));
    try {
      const got = await rawStream(served.url, { ...HI, max_tokens: 4, stream_options: { include_usage: true } });
      expect(got.status).toBe(200);
      const upstream = recordedPayloads('chat-stream-usage');
      expect(upstream.length).toBeGreaterThan(3);
      expect(upstream.every((e) => e.includes('"model":"tiny-test"'))).toBe(true);
      expect(got.events).toEqual([...upstream.map((e) => e.replace('"model":"tiny-test"', '"model":"docker-llm/ai/tiny-test"')), '[DONE]']);
      expect(provider.calls).toEqual({ stream: 0, streamWire: 1 });
      expect(replay.requests.at(-1)?.body).toMatchObject({ model: 'ai/tiny-test', stream: true, stream_options: { include_usage: true } });
    } finally {
      await served.close();
    }
  });

  it('asks the upstream for usage only when the client did', async () => {
    const served = await serve(createStaticProviderSource({ 'docker-llm': countedProvider(replay) }));
    try {
      const got = await rawStream(served.url, HI);
      const upstream = recordedPayloads('chat-stream');
      expect(got.events).toEqual([...upstream.map((e) => e.replace('"model":"tiny-test"', '"model":"docker-llm/ai/tiny-test"')), '[DONE]']);
      expect(replay.requests.at(-1)?.body).not.toHaveProperty('stream_options');
    } finally {
      await served.close();
    }
  });

  it('the official client reads the passed-through stream (text and finish reason)', async () => {
    const served = await serve(createStaticProviderSource({ 'docker-llm': countedProvider(replay) }));
    try {
      const client = new OpenAI({ baseURL: `${served.url}/v1`, apiKey: 'k', maxRetries: 0 });
      const stream = await client.chat.completions.create({ model: HI.model, messages: [{ role: 'user', content: 'Hi' }], stream: true });
      let text = '';
      let finish: string | null | undefined;
      for await (const chunk of stream) {
        text += chunk.choices[0]?.delta.content ?? '';
        finish = chunk.choices[0]?.finish_reason ?? finish;
        expect(chunk.model).toBe(HI.model);
      }
      expect(text.length).toBeGreaterThan(0);
      expect(finish).toBeTruthy();
    } finally {
      await served.close();
    }
  });

  it('a refused request still gets its HTTP error (the first chunk is awaited before the answer starts)', async () => {
    const served = await serve(createStaticProviderSource({ 'docker-llm': countedProvider(replay) }));
    try {
      replay.force('err-context-overflow-stream');
      const got = await rawStream(served.url, HI);
      expect(got.status).toBe(400);
      expect(JSON.parse(got.text)).toMatchObject({ error: { message: expect.stringContaining('exceeds the available context size') } });
    } finally {
      await served.close();
    }
  });

  it('provider hooks force the typed path: they see typed requests and answers', async () => {
    const api = testApi({ mon: ['hooks.providers'] });
    const provider = countedProvider(replay);
    api.providers.register('docker-llm', provider);
    const served = await serve(api.providers);
    try {
      await rawStream(served.url, HI);
      expect(provider.calls).toEqual({ stream: 0, streamWire: 1 });
      const seen: string[] = [];
      const off = api.hooks.on('mon', 'provider:afterResponse', (info) => void seen.push(String(info.response && 'message' in info.response ? info.response.message.content : '')));
      const got = await rawStream(served.url, HI);
      expect(provider.calls).toEqual({ stream: 1, streamWire: 1 });
      expect(seen).toHaveLength(1);
      expect(seen[0]?.length).toBeGreaterThan(0);
      expect(got.events.at(-1)).toBe('[DONE]');
      off();
      api.hooks.on('mon', 'provider:beforeRequest', (info) => info.request);
      await rawStream(served.url, HI);
      expect(provider.calls).toEqual({ stream: 2, streamWire: 1 });
    } finally {
      await served.close();
    }
  });

  it('a chunk that is not one line of text is refused (it could write events of its own)', async () => {
    const rogue: Provider = {
      name: 'rogue',
      listModels: async () => [{ id: 'm' }],
      chat: async () => ({ id: 'x', model: 'm', message: { role: 'assistant', content: '' }, finishReason: 'stop' }),
      async *stream(): AsyncGenerator<StreamPart> {
        yield { type: 'finish', reason: 'stop' };
      },
      async *streamWire(): AsyncGenerator<WireChunkText> {
        yield '{"model":"m","choices":[]}';
        yield '{"model":"m"}\n\ndata: {"injected":true}';
      },
    };
    const served = await serve(createStaticProviderSource({ rogue }));
    try {
      const got = await rawStream(served.url, { ...HI, model: 'rogue/m' });
      expect(got.events[0]).toBe('{"model":"rogue/m","choices":[]}');
      expect(got.text).not.toContain('injected');
      expect(JSON.parse(got.events[1] ?? '{}')).toMatchObject({ error: { message: expect.stringContaining('not one line') } });
      expect(got.events.at(-1)).toBe('[DONE]');
    } finally {
      await served.close();
    }
  });
});
