import { createParser } from 'eventsource-parser';
import { APIConnectionTimeoutError, APIError } from 'openai';
import type { WireChunkText } from '@berth/sdk';
import type { ModelRunnerConnection } from '../discovery/connection.js';
import type { OpenAiClientOptions } from './client.js';

/** The JSON of a server's error body, or undefined for plain text (Model Runner's own errors). */
function jsonOf(text: string): object | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The signal of one request: the caller's, and the per-request time limit. */
function requestSignal(signal: AbortSignal | undefined, timeoutMs: number): AbortSignal {
  const timeout = AbortSignal.timeout(timeoutMs);
  return signal !== undefined ? AbortSignal.any([signal, timeout]) : timeout;
}

/**
 * Posts a streamed chat body to Model Runner's `/chat/completions` and yields each SSE event's `data` verbatim
 * until `[DONE]`: no openai client parse in between. A refused request throws the openai `APIError` the client would
 * have thrown (same status, body and headers), so the provider's error mapping stays the one for `stream`.
 */
export async function* streamWireChunks(
  connection: ModelRunnerConnection,
  body: object,
  options: OpenAiClientOptions,
  signal?: AbortSignal,
): AsyncGenerator<WireChunkText> {
  const response = await connection.fetch(`${connection.openAiBaseUrl(options.engine)}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${options.apiKey ?? 'docker-model-runner'}` },
    body: JSON.stringify(body),
    signal: requestSignal(signal, options.timeoutMs ?? 600_000),
  }).catch((error: unknown) => {
    // The time limit fails as the openai client's does (an unavailable server), not as a generic error.
    throw error instanceof Error && error.name === 'TimeoutError' ? new APIConnectionTimeoutError({ message: error.message }) : error;
  });
  if (!response.ok || response.body === null) {
    const text = await response.text().catch(() => '');
    const json = jsonOf(text);
    throw APIError.generate(response.status, json, json === undefined ? text : undefined, response.headers);
  }
  const events: string[] = [];
  const parser = createParser({ onEvent: (event) => events.push(event.data) });
  const decoder = new TextDecoder();
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parser.feed(decoder.decode(value, { stream: true }));
      for (let i = 0; i < events.length; i++) {
        const data = events[i] as string;
        if (data === '[DONE]') return;
        yield data;
      }
      events.length = 0;
    }
  } finally {
    void reader.cancel().catch(() => undefined);
  }
}
