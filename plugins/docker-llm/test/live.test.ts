import { describe, expect, it } from 'vitest';
import { ProviderError, collectStream } from '@berth/sdk';
import { createDockerLlmProvider } from '../src/provider.js';

/** A real Model Runner (or llama.cpp server with `/engines` routes), when one is reachable. */
const LIVE_URL = process.env['BERTH_TEST_MODEL_RUNNER_URL'];

describe.runIf(LIVE_URL !== undefined && LIVE_URL !== '')('against a real Model Runner (BERTH_TEST_MODEL_RUNNER_URL)', () => {
  const provider = createDockerLlmProvider({ discovery: { baseUrl: LIVE_URL } });
  const pickModel = async (): Promise<string> => {
    const models = await provider.listModels();
    expect(models.length).toBeGreaterThan(0);
    return process.env['BERTH_TEST_MODEL'] ?? (models[0]?.id as string);
  };

  it('lists models, chats and streams the same shape as the recordings', async () => {
    const model = await pickModel();
    const answer = await provider.chat({ model, messages: [{ role: 'user', content: 'Say hi' }], maxTokens: 8 });
    expect(typeof answer.message.content).toBe('string');
    expect(['stop', 'length']).toContain(answer.finishReason);
    const streamed = await collectStream(provider.stream({ model, messages: [{ role: 'user', content: 'Say hi' }], maxTokens: 8 }));
    expect(streamed.usage?.completionTokens).toBeGreaterThan(0);
  }, 120_000);

  it('an unknown model is a model-not-found error with the server message', async () => {
    const error = await provider.chat({ model: 'ai/berth-no-such-model', messages: [{ role: 'user', content: 'Hi' }] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).kind).toBe('model-not-found');
    expect((error as ProviderError).serverMessage.length).toBeGreaterThan(0);
  });
});
