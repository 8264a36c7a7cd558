import { describe, expect, it } from 'vitest';
import type { Provider, StreamPart, WireChunkText } from '@berth/sdk';
import { CallTracker } from '../../src/reload/call-tracker.js';
import { trackProvider } from '../../src/reload/track-provider.js';

const base = {
  name: 'p',
  listModels: async () => [{ id: 'm' }],
  chat: async () => ({ id: 'x', model: 'm', message: { role: 'assistant' as const, content: '' }, finishReason: 'stop' as const }),
  async *stream(): AsyncGenerator<StreamPart> {
    yield { type: 'finish', reason: 'stop' };
  },
};

describe('trackProvider', () => {
  it('keeps streamWire, counted as running until the stream ends', async () => {
    const calls = new CallTracker();
    const tracked = trackProvider({ ...base, async *streamWire(): AsyncGenerator<WireChunkText> { yield '{"a":1}'; yield '{"a":2}'; } } satisfies Provider, calls);
    const iterator = tracked.streamWire?.({ model: 'm', messages: [] })[Symbol.asyncIterator]();
    expect(iterator).toBeDefined();
    expect(await iterator?.next()).toEqual({ done: false, value: '{"a":1}' });
    expect(calls.running).toBe(1);
    expect(await iterator?.next()).toEqual({ done: false, value: '{"a":2}' });
    expect((await iterator?.next())?.done).toBe(true);
    expect(calls.running).toBe(0);
  });

  it('adds no streamWire to a provider without one (the endpoint then streams typed parts)', () => {
    expect(trackProvider(base, new CallTracker())).not.toHaveProperty('streamWire');
  });
});
