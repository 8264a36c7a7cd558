import { describe, expect, it } from 'vitest';
import type { ChatResponse, Provider, StreamPart } from '@berth/sdk';
import { generationContext } from '@berth/host';
import { contextFor, sleep, testApi } from '../api/api-fixtures.js';

/** A provider answering `answer`, after `delayMs`. */
function provider(answer: string, delayMs = 0): Provider {
  const response = (model: string): ChatResponse => ({ id: answer, model, message: { role: 'assistant', content: answer }, finishReason: 'stop' }) as ChatResponse;
  return {
    name: 'llm',
    listModels: async () => [{ id: 'm' }],
    chat: async (request) => {
      await sleep(delayMs);
      return response(request.model);
    },
    async *stream(): AsyncIterable<StreamPart> {
      await sleep(delayMs);
      yield { type: 'finish', finishReason: 'stop' } as StreamPart;
    },
  };
}

describe('a provider plugin across a reload (registry level)', () => {
  it('requests route to the old provider until the switch and to the new one from it; a request in flight is counted until it ends', async () => {
    const api = testApi();
    const v1 = generationContext(contextFor(api, 'llm'));
    v1.context.providers.register(provider('v1', 150));
    const v2 = generationContext(contextFor(api, 'llm'), { tools: api.tools, providers: api.providers });
    v2.context.providers.register(provider('v2'));

    const chat = (): Promise<ChatResponse> => api.providers.chat('llm/m', { messages: [{ role: 'user', content: 'hi' }] });
    expect((await chat()).id).toBe('v1');
    const inFlight = chat();
    const streaming = api.providers.stream('llm/m', { messages: [] })[Symbol.asyncIterator]();
    const firstPart = streaming.next();
    await sleep(20);
    expect(v1.calls.running).toBe(2);

    v1.dispose();
    v2.commit();
    expect((await chat()).id).toBe('v2');
    expect(api.providers.list()).toEqual([{ id: 'llm/llm', plugin: 'llm', name: 'llm' }]);
    expect((await inFlight).id).toBe('v1');
    expect((await firstPart).value).toEqual({ type: 'finish', finishReason: 'stop' });
    expect(v1.calls.running).toBe(1); // the stream counts until its consumer is done with it
    expect((await streaming.next()).done).toBe(true);
    expect(await v1.calls.idle(1_000)).toBe(true);
  });

  it('hostile: a staged provider cannot take another plugin\'s provider id (checked when registered)', () => {
    const api = testApi({}, { 'owner/x': 'shared', 'other/llm': 'shared' });
    api.providers.register('owner', { ...provider('owner'), name: 'x' });
    const staged = generationContext(contextFor(api, 'other'), { tools: api.tools, providers: api.providers });
    expect(() => staged.context.providers.register(provider('other'))).toThrow(
      expect.objectContaining({ code: 'BERTH_CONTRIBUTION_CONFLICT', message: expect.stringContaining("'owner'") as string }),
    );
  });
});
