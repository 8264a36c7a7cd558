import { describe, expect, it } from 'vitest';
import { chatRequestFromWire, chatRequestToWire, collectStream, streamPartToWire, streamPartsFromWire } from '@berth/sdk';
import type { ChatRequest, StreamPart, WireChunk } from '@berth/sdk';

describe('the stream wire mapping', () => {
  it('parts → OpenAI chunks → parts is lossless for text, tool calls, usage and finish', async () => {
    const parts: StreamPart[] = [
      { type: 'start', id: 'c', model: 'p/m', created: 1 },
      { type: 'text-delta', text: 'Hel' },
      { type: 'tool-call-delta', index: 0, id: 't', name: 'f', argumentsDelta: '{' },
      { type: 'tool-call-delta', index: 0, argumentsDelta: '}' },
      { type: 'finish', reason: 'tool_calls' },
      { type: 'usage', usage: { promptTokens: 1, completionTokens: 2, totalTokens: 3 } },
    ];
    const envelope = { id: 'c', created: 1, model: 'p/m' };
    const chunks = parts.map((p) => streamPartToWire(p, envelope)).filter((c): c is WireChunk => c !== undefined);
    async function* replay(): AsyncGenerator<WireChunk> {
      yield* chunks;
    }
    const back: StreamPart[] = [];
    for await (const p of streamPartsFromWire(replay())) back.push(p);
    expect(await collectStream(back)).toEqual(await collectStream(parts));
    expect(back.at(-1)).toEqual({ type: 'finish', reason: 'tool_calls' });
  });
});

describe('the chat request wire mapping', () => {
  it('contract → wire → contract keeps every mapped field', () => {
    const request: ChatRequest = {
      model: 'ai/smollm2',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image', url: 'data:image/png;base64,AA==', detail: 'low' }] },
        { role: 'assistant', content: null, toolCalls: [{ id: 'c1', name: 'f', arguments: '{}' }] },
        { role: 'tool', toolCallId: 'c1', content: '42' },
      ],
      tools: [{ name: 'f', description: 'F', parameters: { type: 'object' } }],
      toolChoice: { name: 'f' },
      parallelToolCalls: true,
      responseFormat: { type: 'json_schema', name: 'a', schema: { type: 'object' }, strict: true },
      maxTokens: 5,
      temperature: 0,
      topP: 0.9,
      stop: ['\n'],
      seed: 1,
      extra: { top_k: 40 },
    };
    expect(chatRequestFromWire(chatRequestToWire(request))).toEqual(request);
  });
});
