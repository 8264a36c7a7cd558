import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectStream, isProviderError } from '@berth/sdk';
import type { ProviderError, WireChunkText } from '@berth/sdk';
import { loadRecording } from '../../../../test/support/replay/index.js';
import { ask, providerFor, startReplayServer } from '../support.js';
import type { Replay } from '../support.js';
import type { DockerLlmProvider } from '../../src/provider.js';

let replay: Replay;
let provider: DockerLlmProvider;

beforeAll(async () => {
  replay = await startReplayServer();
  provider = providerFor(replay);
});
afterAll(() => replay.close());

/** Every chunk of a wire stream. */
async function chunksOf(stream: AsyncIterable<WireChunkText>): Promise<string[]> {
  const chunks: string[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

/** The typed error a promise rejects with. */
async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  if (!isProviderError(error)) throw new Error(`expected a provider error, got ${String(error)}`);
  return error;
}

/** The `data:` payloads of a recording, verbatim, without `[DONE]`. */
function recordedPayloads(name: string): string[] {
  return loadRecording(name)
    .chunks.join('')
    .split('\n\n')
    .map((e: string) => e.replace(/^data: /, ''))
    .filter((e: string) => e.trim() !== '' && e !== '[DONE]');
}

const streamWire = (p: DockerLlmProvider): NonNullable<DockerLlmProvider['streamWire']> => p.streamWire as NonNullable<DockerLlmProvider['streamWire']>;

describe('streamWire: Model Runner chunks verbatim', () => {
  it("yields each SSE event's data exactly as llama.cpp sent it, without [DONE]", async () => {
    const chunks = await chunksOf(streamWire(provider)(ask()));
    expect(replay.requests.at(-1)?.recording).toBe('chat-stream');
    expect(chunks).toEqual(recordedPayloads('chat-stream'));
    expect(replay.requests.at(-1)?.body).toMatchObject({ model: 'ai/tiny-test', stream: true });
    expect(replay.requests.at(-1)?.body).not.toHaveProperty('stream_options');
  });

  it('asks for the usage chunk when told to, and passes it on', async () => {
    const chunks = await chunksOf(streamWire(provider)(ask({ maxTokens: 4 }), { includeUsage: true }));
    expect(replay.requests.at(-1)?.body).toMatchObject({ stream_options: { include_usage: true }, max_tokens: 4 });
    expect(chunks).toEqual(recordedPayloads('chat-stream-usage'));
    expect(chunks.some((c) => c.includes('"usage"'))).toBe(true);
  });

  it('the request body is the one stream() sends, less the usage it did not ask for', async () => {
    const request = ask({ temperature: 0, maxTokens: 3 });
    await collectStream(provider.stream(request));
    const typed = replay.requests.at(-1)?.body as Record<string, unknown>;
    await chunksOf(streamWire(provider)(request));
    const { stream_options: _usage, ...rest } = typed;
    expect(replay.requests.at(-1)?.body).toEqual(rest);
  });
});

describe('streamWire fails as stream() does', () => {
  it.each([
    ['err-context-overflow-stream', 'context-overflow'],
    ['dmr-service-unavailable', 'unavailable'],
    ['err-missing-messages', 'bad-request'],
  ])('%s → %s, with the same message', async (name, kind) => {
    replay.force(name);
    const typed = await failure(collectStream(provider.stream(ask())));
    replay.force(name);
    const wire = await failure(chunksOf(streamWire(provider)(ask())));
    expect(wire.kind).toBe(kind);
    expect(wire.code).toBe(typed.code);
    expect(wire.message).toBe(typed.message);
  });

  it('an unknown model → model-not-found with the pull hint', async () => {
    const error = await failure(chunksOf(streamWire(provider)(ask({ model: 'ai/nope' }))));
    expect(error.kind).toBe('model-not-found');
    expect(error.message).toContain('berth models pull');
  });

  it('aborting mid-way ends it with a cancelled error, never as finished', async () => {
    const slow = await startReplayServer({ chunkDelayMs: 50 });
    try {
      const p = providerFor(slow);
      const controller = new AbortController();
      let seen = 0;
      const error = await failure(
        (async () => {
          for await (const _chunk of streamWire(p)(ask(), { signal: controller.signal })) {
            seen++;
            if (seen === 2) controller.abort();
          }
        })(),
      );
      expect(error.kind).toBe('cancelled');
      expect(seen).toBe(2);
    } finally {
      await slow.close();
    }
  });

  it('a Model Runner gone after it was found → unavailable, naming where', async () => {
    const gone = await startReplayServer();
    const p = providerFor(gone);
    await p.connect();
    await gone.close();
    const error = await failure(chunksOf(streamWire(p)(ask())));
    expect(error.kind).toBe('unavailable');
    expect(error.message).toContain('cannot connect to Docker Model Runner');
  });
});
