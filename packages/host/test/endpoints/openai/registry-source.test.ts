import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatRequest, Logger, ProviderResponseInfo } from '@berth/sdk';
import { HookEngine, ProviderRegistry, createOpenAiRoutes, providerSourceOf } from '@berth/host';
import { createDockerLlmProvider } from '../../../../../plugins/docker-llm/src/index.js';
import { startReplayServer } from '../../../../../test/support/replay/index.js';

type Replay = Awaited<ReturnType<typeof startReplayServer>>;

const quiet: Logger = { trace: () => undefined, debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

let replay: Replay;
let client: OpenAI;
let close: () => Promise<void>;
const observed: ProviderResponseInfo[] = [];

beforeAll(async () => {
  replay = await startReplayServer();
  const hooks = new HookEngine({ gate: { check: () => true, assert: () => undefined }, logger: quiet });
  hooks.onHost('provider:beforeRequest', (info) => ({ ...(info.request as ChatRequest), temperature: 0.25 }));
  hooks.onHost('provider:afterResponse', (info) => void observed.push(info));
  const registry = new ProviderRegistry({ hooks, logger: quiet });
  registry.register('docker-llm', createDockerLlmProvider({ discovery: { baseUrl: replay.url } }));
  const routes = createOpenAiRoutes(providerSourceOf(registry));
  const server = createServer((req, res) => void routes(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  client = new OpenAI({ baseURL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, apiKey: 'k', maxRetries: 0 });
  close = () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); });
});
afterAll(async () => {
  await close();
  await replay.close();
});

describe("the endpoint over the host's ProviderRegistry", () => {
  it('lists models and answers through the provider hooks (a beforeRequest transform reaches Model Runner)', async () => {
    const models = [];
    for await (const m of client.models.list()) models.push(m.id);
    expect(models).toEqual(['docker-llm/ai/tiny-test']);

    const completion = await client.chat.completions.create({ model: 'docker-llm/ai/tiny-test', messages: [{ role: 'user', content: 'Hi' }] });
    expect(completion.choices[0]?.message.content).toBe('Hello! I am a tiny test model.');
    expect(replay.requests.at(-1)?.body).toMatchObject({ model: 'ai/tiny-test', temperature: 0.25 });

    const stream = await client.chat.completions.create({ model: 'docker-llm/ai/tiny-test', messages: [{ role: 'user', content: 'Hi' }], stream: true });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toBe('Hello! I am a tiny test model.');
    await expect.poll(() => observed.length).toBe(2);
    expect(observed.map((o) => o.operation)).toEqual(['chat', 'stream']);
  });

  it("a model no plugin serves → 404 model_not_found with the registry's message", async () => {
    const error = (await client.chat.completions.create({ model: 'nobody/x', messages: [{ role: 'user', content: 'Hi' }] }).catch((e: unknown) => e)) as InstanceType<typeof OpenAI.APIError>;
    expect(error.status).toBe(404);
    expect(error.code).toBe('model_not_found');
    expect(error.message).toContain("no provider serves model 'nobody/x' (expected '<plugin>/<model>', run: berth providers list); plugins with providers: docker-llm");
  });
});
