import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCodes, ProviderError, collectStream } from '@berth/sdk';
import type { ProviderErrorKind } from '@berth/sdk';
import { ask, providerFor, recordedJson, startReplayServer } from '../support.js';
import type { Replay } from '../support.js';
import { loadRecording } from '../../../../test/support/replay/index.js';
import type { DockerLlmProvider } from '../../src/provider.js';

let replay: Replay;
let provider: DockerLlmProvider;

beforeAll(async () => {
  replay = await startReplayServer();
  provider = providerFor(replay);
});
afterAll(() => replay.close());

const CODES: Record<ProviderErrorKind, string> = {
  authentication: ErrorCodes.PROVIDER_AUTHENTICATION,
  'rate-limit': ErrorCodes.PROVIDER_RATE_LIMITED,
  unavailable: ErrorCodes.PROVIDER_UNAVAILABLE,
  'bad-request': ErrorCodes.PROVIDER_BAD_REQUEST,
  'context-overflow': ErrorCodes.PROVIDER_CONTEXT_OVERFLOW,
  'model-not-found': ErrorCodes.PROVIDER_MODEL_NOT_FOUND,
  unsupported: ErrorCodes.PROVIDER_UNSUPPORTED,
  cancelled: ErrorCodes.CALL_CANCELLED,
  server: ErrorCodes.PROVIDER_ERROR,
};

/** The server's own words in a recording: the JSON `error.message`, or the plain text. */
function serverMessage(name: string): string {
  const recording = loadRecording(name);
  return recording.headers.some(([k, v]) => k.toLowerCase() === 'content-type' && v.startsWith('application/json'))
    ? recordedJson(name).error.message
    : recording.body.trim();
}

/** The error a promise rejects with. */
async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

/** Checks kind, code, status and that the server's message is kept, in the details and in the message. */
function expectMapped(error: ProviderError, name: string, kind: ProviderErrorKind): void {
  const words = serverMessage(name);
  expect(error.kind).toBe(kind);
  expect(error.code).toBe(CODES[kind]);
  expect(error.status).toBe(loadRecording(name).status);
  expect(error.serverMessage).toBe(words);
  expect(error.message).toContain(words);
  expect(error.message).toContain("provider 'docker-llm'");
}

const recordedErrors: [string, ProviderErrorKind][] = [
  ['err-bad-json', 'bad-request'],
  ['err-missing-messages', 'bad-request'],
  ['err-messages-not-array', 'bad-request'],
  ['err-content-number', 'bad-request'],
  ['err-negative-max-tokens', 'bad-request'],
  ['err-bad-temperature-type', 'bad-request'],
  ['tools-with-grammar', 'bad-request'],
  ['tools-bad-schema', 'bad-request'],
  ['router-chat-no-model', 'bad-request'],
  ['err-context-overflow', 'context-overflow'],
  ['router-chat-unknown-model', 'model-not-found'],
  ['auth-missing', 'authentication'],
  ['auth-wrong', 'authentication'],
  ['err-unknown-path', 'unsupported'],
  ['prefix-unprefixed-chat', 'unsupported'],
  ['embeddings-not-enabled', 'unsupported'],
  ['chat-image-part', 'unsupported'],
  ['random-chat', 'server'],
];

const modelRunnerErrors: [string, ProviderErrorKind][] = [
  ['dmr-model-not-found', 'model-not-found'],
  ['dmr-model-required', 'bad-request'],
  ['dmr-backend-not-installed', 'unavailable'],
  ['dmr-service-unavailable', 'unavailable'],
  ['dmr-unable-to-load-runner', 'unavailable'],
  ['dmr-page-not-found', 'unsupported'],
];

describe('recorded llama.cpp errors (OpenAI JSON) map to typed errors, keeping the server message', () => {
  it.each(recordedErrors)('%s → %s', async (name, kind) => {
    replay.force(name);
    expectMapped(await failure(provider.chat(ask())), name, kind);
  });

  it('names the provider, model, status, server words and the fix', async () => {
    replay.force('err-missing-messages');
    const error = await failure(provider.chat(ask()));
    expect(error.message).toBe(
      "provider 'docker-llm' (model 'ai/tiny-test') refused the request: HTTP 400: 'messages' is required (fix the request fields the server names)",
    );
    expect(error.details).toMatchObject({ plugin: 'docker-llm', model: 'ai/tiny-test', status: 400, kind: 'bad-request' });
  });

  it('a streamed request refused before the stream (context overflow) throws from the iterator', async () => {
    const long = 'zq'.repeat(3000);
    const error = await failure(collectStream(provider.stream(ask({ messages: [{ role: 'user', content: long }] }))));
    expect(replay.requests.at(-1)?.recording).toBe('err-context-overflow-stream');
    expectMapped(error, 'err-context-overflow-stream', 'context-overflow');
    expect(error.message).toContain('docker model configure --context-size');
  });

  it('embeddings on a chat model → unsupported (501), from the real request', async () => {
    const error = await failure(provider.embed!({ model: 'ai/tiny-test', input: ['hello'] }));
    expect(replay.requests.at(-1)?.recording).toBe('embeddings-not-enabled');
    expectMapped(error, 'embeddings-not-enabled', 'unsupported');
  });

  it('a server with a key: a wrong key → authentication, from the real request', async () => {
    const locked = await startReplayServer({ apiKey: 'sk-test-123' });
    try {
      const { createDockerLlmProvider } = await import('../../src/provider.js');
      const wrong = createDockerLlmProvider({ discovery: { baseUrl: locked.url }, apiKey: 'nope' });
      expectMapped(await failure(wrong.chat(ask())), 'auth-wrong', 'authentication');
      const right = createDockerLlmProvider({ discovery: { baseUrl: locked.url }, apiKey: 'sk-test-123' });
      await expect(right.chat(ask())).resolves.toMatchObject({ finishReason: 'stop' });
    } finally {
      await locked.close();
    }
  });
});

describe("Model Runner's own plain-text errors map to typed errors, keeping the server message", () => {
  it.each(modelRunnerErrors)('%s → %s', async (name, kind) => {
    replay.force(name);
    expectMapped(await failure(provider.chat(ask())), name, kind);
  });

  it('an unknown model, from the real request → model-not-found with the pull hint', async () => {
    const error = await failure(provider.chat(ask({ model: 'ai/nope' })));
    expectMapped(error, 'dmr-model-not-found', 'model-not-found');
    expect(error.message).toBe(
      "provider 'docker-llm' (model 'ai/nope') does not have the model: HTTP 404: model not found " +
        '(pull it with `berth models pull <model>` (or `docker model pull <model>`), or list the models with `berth models list`)',
    );
  });
});

describe('cancellation', () => {
  it('aborting a stream mid-way ends it with a cancelled error', async () => {
    const slow = await startReplayServer({ chunkDelayMs: 50 });
    try {
      const { createDockerLlmProvider } = await import('../../src/provider.js');
      const p = createDockerLlmProvider({ discovery: { baseUrl: slow.url } });
      const controller = new AbortController();
      const seen: string[] = [];
      const error = await failure(
        (async () => {
          for await (const part of p.stream(ask(), { signal: controller.signal })) {
            seen.push(part.type);
            if (part.type === 'text-delta') controller.abort();
          }
        })(),
      );
      expect(error.kind).toBe('cancelled');
      expect(error.code).toBe(ErrorCodes.CALL_CANCELLED);
      expect(seen).not.toContain('finish');
    } finally {
      await slow.close();
    }
  });
});
