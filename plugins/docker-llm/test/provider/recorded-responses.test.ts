import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectStream } from '@berth/sdk';
import type { ChatRequest, ChatResponse, StreamPart } from '@berth/sdk';
import { FOLLOW_UP, TOOLS, WEATHER, ask, providerFor, recordedEvents, recordedJson, startReplayServer } from '../support.js';
import type { Replay } from '../support.js';
import type { DockerLlmProvider } from '../../src/provider.js';

let replay: Replay;
let provider: DockerLlmProvider;

beforeAll(async () => {
  replay = await startReplayServer();
  provider = providerFor(replay);
});
afterAll(() => replay.close());

/** What the contract must say for a recorded (non-streamed) completion. */
function expectedFrom(name: string): Pick<ChatResponse, 'id' | 'finishReason'> & { content: string | null; calls: { name: string; arguments: string; id: string }[]; usage: unknown } {
  const body = recordedJson(name);
  const choice = body.choices[0];
  const calls = (choice.message.tool_calls ?? []).map((c: { id: string; function: { name: string; arguments: string } }) => ({ id: c.id, name: c.function.name, arguments: c.function.arguments }));
  return {
    id: body.id,
    finishReason: choice.finish_reason,
    content: calls.length > 0 && choice.message.content === '' ? null : choice.message.content,
    calls,
    usage: {
      promptTokens: body.usage.prompt_tokens,
      completionTokens: body.usage.completion_tokens,
      totalTokens: body.usage.total_tokens,
      cachedTokens: body.usage.prompt_tokens_details.cached_tokens,
    },
  };
}

const chats: [string, ChatRequest][] = [
  ['dmr-like-chat', ask()],
  ['chat-max-tokens-3', ask({ maxTokens: 3 })],
  ['chat-stop-seq', ask({ stop: [' tiny'] })],
  ['chat-json-object', ask({ responseFormat: { type: 'json_object' } })],
  [
    'chat-json-schema',
    ask({
      responseFormat: {
        type: 'json_schema',
        name: 'answer',
        schema: { type: 'object', properties: { answer: { type: 'string' }, score: { type: 'integer' } }, required: ['answer', 'score'] },
      },
    }),
  ],
  ['tools-auto', ask({ messages: [WEATHER], tools: TOOLS })],
  ['tools-required', ask({ messages: [WEATHER], tools: TOOLS, toolChoice: 'required' })],
  ['tools-none', ask({ messages: [WEATHER], tools: TOOLS, toolChoice: 'none' })],
  ['tools-named-choice', ask({ messages: [WEATHER], tools: TOOLS, toolChoice: { name: 'get_time' } })],
  ['tools-parallel', ask({ messages: [WEATHER], tools: TOOLS, parallelToolCalls: true })],
  ['tools-max-tokens-5', ask({ messages: [WEATHER], tools: TOOLS, maxTokens: 5 })],
  ['tools-result-followup', ask({ messages: FOLLOW_UP, tools: TOOLS })],
];

describe('every recorded chat response parses into the provider contract', () => {
  it.each(chats)('%s', async (name, request) => {
    const response = await provider.chat(request);
    expect(replay.requests.at(-1)?.recording).toBe(name);
    const expected = expectedFrom(name);
    expect(response.id).toBe(expected.id);
    expect(response.finishReason).toBe(expected.finishReason);
    expect(response.message.content).toBe(expected.content);
    expect(response.message.toolCalls ?? []).toEqual(expected.calls);
    expect(response.usage).toEqual(expected.usage);
  });

  it('sends the contract fields in OpenAI wire names (tools, tool_choice, response_format, max_tokens)', async () => {
    await provider.chat(ask({ messages: [WEATHER], tools: TOOLS, toolChoice: { name: 'get_time' }, maxTokens: 7 }));
    const body = replay.requests.at(-1)?.body;
    expect(body.tool_choice).toEqual({ type: 'function', function: { name: 'get_time' } });
    expect(body.tools[0]).toEqual({ type: 'function', function: { name: 'get_weather', description: 'Get the current weather for a city', parameters: TOOLS?.[0]?.parameters } });
    expect(body.max_tokens).toBe(7);
    await provider.chat(FOLLOW_UP.length > 0 ? ask({ messages: FOLLOW_UP, tools: TOOLS }) : ask());
    expect(replay.requests.at(-1)?.body.messages.slice(1)).toEqual([
      { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"location":"Paris"}' } }] },
      { role: 'tool', tool_call_id: 'call_1', content: '{"temp_c":21}' },
    ]);
  });
});

/** The text a recorded stream carries. */
function recordedText(name: string): string {
  return recordedEvents(name)
    .map((e) => e.choices?.[0]?.delta?.content ?? '')
    .join('');
}

/** Collects every part of a stream. */
async function partsOf(stream: AsyncIterable<StreamPart>): Promise<StreamPart[]> {
  const parts: StreamPart[] = [];
  for await (const part of stream) parts.push(part);
  return parts;
}

describe('recorded streams parse into typed parts', () => {
  it('chat-stream: start, text deltas, finish last; asks for the usage chunk', async () => {
    replay.force('chat-stream');
    const parts = await partsOf(provider.stream(ask()));
    expect(parts[0]).toMatchObject({ type: 'start', id: recordedEvents('chat-stream')[0].id });
    expect(parts.at(-1)).toEqual({ type: 'finish', reason: recordedEvents('chat-stream').at(-1).choices[0].finish_reason });
    const text = parts.flatMap((p) => (p.type === 'text-delta' ? [p.text] : [])).join('');
    expect(text).toBe(recordedText('chat-stream'));
    expect(replay.requests.at(-1)?.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });

  it('chat-stream-usage: the final usage chunk becomes a usage part before finish', async () => {
    const parts = await partsOf(provider.stream(ask({ maxTokens: 4 })));
    expect(replay.requests.at(-1)?.recording).toBe('chat-stream-usage');
    const usage = recordedEvents('chat-stream-usage').at(-1).usage;
    expect(parts.slice(-2)).toEqual([
      { type: 'usage', usage: { promptTokens: usage.prompt_tokens, completionTokens: usage.completion_tokens, totalTokens: usage.total_tokens, ...(usage.prompt_tokens_details ? { cachedTokens: usage.prompt_tokens_details.cached_tokens } : {}) } },
      { type: 'finish', reason: 'length' },
    ]);
  });

  it('tools-auto-stream: fragments reassemble into the same call as the non-streamed tools-auto', async () => {
    const parts = await partsOf(provider.stream(ask({ messages: [WEATHER], tools: TOOLS })));
    expect(replay.requests.at(-1)?.recording).toBe('tools-auto-stream');
    const fragments = parts.filter((p) => p.type === 'tool-call-delta');
    expect(fragments.length).toBeGreaterThan(1);
    const streamed = await collectStream(parts);
    const whole = await provider.chat(ask({ messages: [WEATHER], tools: TOOLS }));
    expect(streamed.finishReason).toBe('tool_calls');
    expect(streamed.message.content).toBeNull();
    expect(streamed.message.toolCalls?.map(({ name, arguments: args }) => ({ name, args }))).toEqual(
      whole.message.toolCalls?.map(({ name, arguments: args }) => ({ name, args })),
    );
    expect(streamed.message.toolCalls?.[0]?.id).toBe(recordedEvents('tools-auto-stream')[1].choices[0].delta.tool_calls[0].id);
  });

  it('tools-result-followup-stream: the answer after a tool result streams as text', async () => {
    const response = await collectStream(provider.stream(ask({ messages: FOLLOW_UP, tools: TOOLS })));
    expect(replay.requests.at(-1)?.recording).toBe('tools-result-followup-stream');
    expect(response.message.content).toBe(recordedText('tools-result-followup-stream'));
    expect(response.message.toolCalls).toBeUndefined();
  });
});

describe("Model Runner's quirks", () => {
  it('plain-text install progress before the SSE stream (deferred backend) is skipped, the stream still parses', async () => {
    replay.force('dmr-stream-after-install');
    const response = await collectStream(provider.stream(ask()));
    expect(response.message.content).toBe(recordedText('chat-stream'));
    expect(response.finishReason).toBe(recordedEvents('chat-stream').at(-1).choices[0].finish_reason);
  });
});

describe('models and embeddings', () => {
  it("lists Model Runner's models with their context window", async () => {
    expect(await provider.listModels()).toEqual([{ id: 'ai/tiny-test', ownedBy: 'llamacpp', created: 1795775886, contextLength: 4096 }]);
  });

  it('embeds a batch, one float vector per input in order (asks for float, not base64)', async () => {
    const answer = await provider.embed!({ model: 'ai/tiny-embed', input: ['hello', 'world'] });
    const recorded = recordedJson('emb-embeddings-batch');
    expect(replay.requests.at(-1)?.body.encoding_format).toBe('float');
    expect(answer.embeddings).toEqual(recorded.data.map((d: { embedding: number[] }) => d.embedding));
    expect(answer.usage).toEqual({ promptTokens: 4, completionTokens: 0, totalTokens: 4 });
  });
});
