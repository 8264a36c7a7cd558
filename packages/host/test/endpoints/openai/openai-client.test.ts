import OpenAI, { APIError } from 'openai';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordedEvents, recordedJson, startReplayServer } from '../../../../../test/support/replay/index.js';
import { TOKEN, serveRoutes } from './serve-routes.js';
import type { ServedRoutes } from './serve-routes.js';

type Replay = Awaited<ReturnType<typeof startReplayServer>>;

let replay: Replay;
let served: ServedRoutes;
let client: OpenAI;

const MODEL = 'docker-llm/ai/tiny-test';
const TOOLS: OpenAI.ChatCompletionTool[] = [
  {
    type: 'function',
    function: {
      name: 'get_weather',
      description: 'Get the current weather for a city',
      parameters: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] },
    },
  },
  { type: 'function', function: { name: 'get_time', description: 'Current time', parameters: { type: 'object', properties: { tz: { type: 'string' } } } } },
];
const WEATHER: OpenAI.ChatCompletionMessageParam = { role: 'user', content: 'What is the weather in Paris?' };

beforeAll(async () => {
  replay = await startReplayServer();
  served = await serveRoutes({ baseUrl: replay.url }, { aliases: { tiny: MODEL } });
  client = new OpenAI({ baseURL: `${served.url}/v1`, apiKey: TOKEN, maxRetries: 0 });
});
afterAll(async () => {
  await served.close();
  await replay.close();
});

/** A port nothing listens on. */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The APIError a call rejects with. */
async function apiError(call: Promise<unknown>): Promise<APIError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(APIError);
  return error as APIError;
}

describe('the official openai client against /v1, backed by the Docker LLM provider and the replay server', () => {
  it('lists models as <plugin>/<model>, plus aliases', async () => {
    const models = [];
    for await (const model of client.models.list()) models.push(model);
    expect(models.map((m) => m.id)).toEqual([MODEL, 'tiny']);
    expect(models[0]).toMatchObject({ object: 'model', owned_by: 'docker-llm' });
  });

  it('retrieves one model by its <plugin>/<model> id, and answers 404 for an unknown one', async () => {
    expect(await client.models.retrieve(MODEL)).toMatchObject({ id: MODEL, object: 'model', owned_by: 'docker-llm' });
    const error = await apiError(client.models.retrieve('docker-llm/ai/nope'));
    expect(error.status).toBe(404);
    expect(error.code).toBe('model_not_found');
  });

  it('chats (non-streamed), reporting the model id it was asked for', async () => {
    const completion = await client.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: 'Hi' }] });
    const recorded = recordedJson('dmr-like-chat');
    expect(completion.choices[0]?.message.content).toBe(recorded.choices[0].message.content);
    expect(completion.model).toBe(MODEL);
    expect(completion.usage).toMatchObject({ prompt_tokens: recorded.usage.prompt_tokens, completion_tokens: recorded.usage.completion_tokens });
    expect(replay.requests.at(-1)?.body.model).toBe('ai/tiny-test');
  });

  it('resolves an alias to its model', async () => {
    const completion = await client.chat.completions.create({ model: 'tiny', messages: [{ role: 'user', content: 'Hi' }] });
    expect(completion.model).toBe('tiny');
    expect(replay.requests.at(-1)?.body.model).toBe('ai/tiny-test');
  });

  it('streams: the same text, usage only when asked, finish reason last', async () => {
    const stream = await client.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: 'Hi' }], max_tokens: 4, stream: true, stream_options: { include_usage: true } });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    const text = chunks.map((c) => c.choices[0]?.delta.content ?? '').join('');
    const recorded = recordedEvents('chat-stream-usage');
    expect(text).toBe(recorded.map((e) => e.choices[0]?.delta?.content ?? '').join(''));
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe('length');
    expect(chunks.at(-1)?.usage?.total_tokens).toBe(recorded.at(-1).usage.total_tokens);
    expect(new Set(chunks.map((c) => c.id)).size).toBe(1);

    const plain = await client.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: 'Hi' }], stream: true });
    const plainChunks = [];
    for await (const chunk of plain) plainChunks.push(chunk);
    expect(plainChunks.some((c) => c.usage)).toBe(false);
    expect(plainChunks[0]?.choices[0]?.delta.role).toBe('assistant');
  });

  it('calls tools: non-streamed, streamed (fragments reassemble into the same call), and the follow-up', async () => {
    const whole = await client.chat.completions.create({ model: MODEL, messages: [WEATHER], tools: TOOLS });
    const call = whole.choices[0]?.message.tool_calls?.[0];
    expect(whole.choices[0]?.finish_reason).toBe('tool_calls');
    expect(call?.type === 'function' ? call.function : undefined).toEqual({ name: 'get_time', arguments: '{}' });

    const stream = await client.chat.completions.create({ model: MODEL, messages: [WEATHER], tools: TOOLS, stream: true });
    let name = '';
    let args = '';
    let finish: string | null | undefined;
    for await (const chunk of stream) {
      for (const d of chunk.choices[0]?.delta.tool_calls ?? []) {
        name += d.function?.name ?? '';
        args += d.function?.arguments ?? '';
      }
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    expect({ name, arguments: args }).toEqual({ name: 'get_time', arguments: '{}' });
    expect(finish).toBe('tool_calls');

    const followUp = await client.chat.completions.create({
      model: MODEL,
      tools: TOOLS,
      messages: [
        WEATHER,
        { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"location":"Paris"}' } }] },
        { role: 'tool', tool_call_id: 'call_1', content: '{"temp_c":21}' },
      ],
    });
    expect(replay.requests.at(-1)?.recording).toBe('tools-result-followup');
    expect(followUp.choices[0]?.message.content).toBe(recordedJson('tools-result-followup').choices[0].message.content);
  });

  it('passes response_format with a JSON schema through', async () => {
    const completion = await client.chat.completions.create({
      model: MODEL,
      messages: [{ role: 'user', content: 'JSON please' }],
      response_format: { type: 'json_schema', json_schema: { name: 'answer', schema: { type: 'object', properties: { answer: { type: 'string' } } } } },
    });
    expect(replay.requests.at(-1)?.body.response_format).toEqual({ type: 'json_schema', json_schema: { name: 'answer', schema: { type: 'object', properties: { answer: { type: 'string' } } } } });
    expect(JSON.parse(completion.choices[0]?.message.content ?? '')).toEqual({ answer: 'test', score: 0 });
  });

  it('embeds (the client asks for base64 by default)', async () => {
    const answer = await client.embeddings.create({ model: 'docker-llm/ai/tiny-embed', input: ['hello', 'world'] });
    const recorded = recordedJson('emb-embeddings-batch');
    expect(answer.data).toHaveLength(2);
    expect(answer.data[1]?.embedding[0]).toBeCloseTo(recorded.data[1].embedding[0], 5);
    expect(answer.model).toBe('docker-llm/ai/tiny-embed');
  });
});

describe('errors come back in the OpenAI shape with the right status', () => {
  it('no bearer token → 401', async () => {
    const anonymous = new OpenAI({ baseURL: `${served.url}/v1`, apiKey: 'wrong', maxRetries: 0 });
    const error = await apiError(anonymous.models.list());
    expect(error.status).toBe(401);
    expect(error.type).toBe('authentication_error');
    expect(error.code).toBe('invalid_api_key');
  });

  it("a model Model Runner does not have → 404 model_not_found, with Model Runner's words", async () => {
    const error = await apiError(client.chat.completions.create({ model: 'docker-llm/ai/nope', messages: [{ role: 'user', content: 'Hi' }] }));
    expect(error.status).toBe(404);
    expect(error.code).toBe('model_not_found');
    expect(error.param).toBe('model');
    expect(error.message).toContain("provider 'docker-llm' (model 'ai/nope') does not have the model: HTTP 404: model not found");
  });

  it('a plugin that does not exist → 404 naming the providers', async () => {
    const error = await apiError(client.chat.completions.create({ model: 'nobody/model', messages: [{ role: 'user', content: 'Hi' }] }));
    expect(error.status).toBe(404);
    expect(error.message).toContain("no provider serves model 'nobody/model'");
  });

  it('context overflow → 400 context_length_exceeded, also for a streamed request', async () => {
    const long = [{ role: 'user' as const, content: 'zq'.repeat(3000) }];
    const error = await apiError(client.chat.completions.create({ model: MODEL, messages: long }));
    expect(error.status).toBe(400);
    expect(error.code).toBe('context_length_exceeded');
    expect(error.message).toContain('request (6043 tokens) exceeds the available context size (4096 tokens)');
    const streamed = await apiError(client.chat.completions.create({ model: MODEL, messages: long, stream: true }));
    expect(streamed.status).toBe(400);
    expect(streamed.code).toBe('context_length_exceeded');
  });

  it('embeddings on a chat model → 501 not_supported', async () => {
    const error = await apiError(client.embeddings.create({ model: MODEL, input: 'hello', encoding_format: 'float' }));
    expect(error.status).toBe(501);
    expect(error.message).toContain('This server does not support embeddings');
  });

  it('an invalid body → 400 naming the field', async () => {
    const error = await apiError(client.chat.completions.create({ model: MODEL, messages: [] }));
    expect(error.status).toBe(400);
    expect(error.param).toBe('messages');
    const raw = await fetch(`${served.url}/v1/chat/completions`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` }, body: '{"model":' });
    expect(raw.status).toBe(400);
    expect(((await raw.json()) as { error: { message: string } }).error.message).toContain('the request body is not valid JSON');
  });

  it('Model Runner not reachable → 503 with what was tried', async () => {
    const offline = await serveRoutes({ baseUrl: `http://127.0.0.1:${await deadPort()}` });
    try {
      const c = new OpenAI({ baseURL: `${offline.url}/v1`, apiKey: TOKEN, maxRetries: 0 });
      const error = await apiError(c.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: 'Hi' }] }));
      expect(error.status).toBe(503);
      expect(error.code).toBe('provider_unavailable');
      expect(error.message).toMatch(/Docker Model Runner is not reachable \(tried base_url setting http:\/\/127\.0\.0\.1:\d+: ECONNREFUSED\)/);
    } finally {
      await offline.close();
    }
  });
});
