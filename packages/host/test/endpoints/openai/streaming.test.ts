import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import OpenAI, { APIError } from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProviderServerError } from '@berth/sdk';
import type { ChatRequest, Provider, StreamPart } from '@berth/sdk';
import { createOpenAiRoutes, createStaticProviderSource } from '@berth/host';

/** What the test provider saw. */
const seen: { aborted: boolean[] } = { aborted: [] };

/** A deterministic provider: 'fail' fails after one delta, 'slow' streams forever until cancelled. */
const provider: Provider = {
  name: 'test',
  listModels: async () => [{ id: 'fail' }, { id: 'slow' }],
  chat: async (request: ChatRequest) => ({ id: 'x', model: request.model, message: { role: 'assistant', content: 'ok' }, finishReason: 'stop' }),
  async *stream(request: ChatRequest, options): AsyncGenerator<StreamPart> {
    yield { type: 'start', id: 'chatcmpl-test', model: request.model };
    yield { type: 'text-delta', text: 'partial' };
    if (request.model === 'fail') throw new ProviderServerError({ serverMessage: 'the model crashed', provider: 'test' });
    try {
      while (options?.signal?.aborted !== true) {
        yield { type: 'text-delta', text: '.' };
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    } finally {
      seen.aborted.push(options?.signal?.aborted === true);
    }
  },
};

let url: string;
let close: () => Promise<void>;
let client: OpenAI;

beforeAll(async () => {
  const routes = createOpenAiRoutes(createStaticProviderSource({ p: provider }), { maxBodyBytes: 2048 });
  const server = createServer((req, res) => {
    void routes(req, res).then((handled) => {
      if (!handled) res.writeHead(418).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); });
  client = new OpenAI({ baseURL: `${url}/v1`, apiKey: 'k', maxRetries: 0 });
});
afterAll(() => close());

describe('the /v1 stream under failure', () => {
  it('a provider failing mid-stream: the client gets the text so far, then an OpenAI error it raises', async () => {
    const stream = await client.chat.completions.create({ model: 'p/fail', messages: [{ role: 'user', content: 'Hi' }], stream: true });
    let text = '';
    const error = await (async () => {
      for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    })().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(text).toBe('partial');
    expect(error).toBeInstanceOf(APIError);
    expect((error as APIError).message).toContain("provider 'test' failed: the model crashed");
    expect((error as APIError).type).toBe('server_error');
  });

  it('a client that disconnects mid-stream cancels the provider call (its signal fires)', async () => {
    const controller = new AbortController();
    const stream = await client.chat.completions.create(
      { model: 'p/slow', messages: [{ role: 'user', content: 'Hi' }], stream: true },
      { signal: controller.signal },
    );
    let chunks = 0;
    for await (const _ of stream) if (++chunks === 5) controller.abort();
    await expect.poll(() => seen.aborted, { timeout: 2000 }).toEqual([true]);
  });
});

describe('the /v1 routes refuse what they should', () => {
  it('a body over the limit → 413', async () => {
    const res = await fetch(`${url}/v1/chat/completions`, { method: 'POST', body: JSON.stringify({ model: 'p/x', messages: [{ role: 'user', content: 'x'.repeat(4096) }] }) });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: { message: 'the request body is larger than 2048 bytes', type: 'invalid_request_error', code: 'request_too_large', param: null } });
  });

  it('a wrong method → 405 in the OpenAI shape; other paths are left to the next handler', async () => {
    const res = await fetch(`${url}/v1/chat/completions`);
    expect(res.status).toBe(405);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('method_not_allowed');
    expect((await fetch(`${url}/v2/models`)).status).toBe(418);
    expect((await fetch(`${url}/mcp`)).status).toBe(418);
  });

  it('n > 1 is refused naming the field (the contract has one choice)', async () => {
    const error = (await client.chat.completions.create({ model: 'p/x', messages: [{ role: 'user', content: 'Hi' }], n: 2 }).catch((e: unknown) => e)) as APIError;
    expect(error.status).toBe(400);
    expect(error.param).toBe('n');
  });
});
