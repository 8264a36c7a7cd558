import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collectStream } from '@berth/sdk';
import type { StreamPart } from '@berth/sdk';

describe('collectStream', () => {
  it('joins text, interleaved tool-call fragments by index, keeps the last usage and the finish reason', async () => {
    const parts: StreamPart[] = [
      { type: 'start', id: 'c1', model: 'm', created: 5 },
      { type: 'tool-call-delta', index: 1, id: 'b', name: 'get_time', argumentsDelta: '' },
      { type: 'tool-call-delta', index: 0, id: 'a', name: 'get_weather', argumentsDelta: '{"loc' },
      { type: 'tool-call-delta', index: 1, argumentsDelta: '{}' },
      { type: 'tool-call-delta', index: 0, argumentsDelta: 'ation":"Paris"}' },
      { type: 'usage', usage: { promptTokens: 3, completionTokens: 4, totalTokens: 7 } },
      { type: 'finish', reason: 'tool_calls' },
    ];
    expect(await collectStream(parts)).toEqual({
      id: 'c1',
      model: 'm',
      created: 5,
      message: {
        role: 'assistant',
        content: null,
        toolCalls: [
          { id: 'a', name: 'get_weather', arguments: '{"location":"Paris"}' },
          { id: 'b', name: 'get_time', arguments: '{}' },
        ],
      },
      finishReason: 'tool_calls',
      usage: { promptTokens: 3, completionTokens: 4, totalTokens: 7 },
    });
  });

  it('any split of a text into deltas reassembles into the text (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.string(), { maxLength: 20 }), async (pieces) => {
        const parts: StreamPart[] = [...pieces.map((text): StreamPart => ({ type: 'text-delta', text })), { type: 'finish', reason: 'stop' }];
        const response = await collectStream(parts, { id: 'x', model: 'm' });
        expect(response.message.content).toBe(pieces.join(''));
      }),
    );
  });
});
