import OpenAI from 'openai';
import type { ModelRunnerConnection } from '../discovery/connection.js';

/** Options of {@link createOpenAiClient}. */
export interface OpenAiClientOptions {
  /** The inference engine path segment, when one is configured. */
  readonly engine?: string;
  /** Model Runner accepts any key; a real key only for servers that check it. */
  readonly apiKey?: string;
  /** Per-request time limit, in milliseconds. */
  readonly timeoutMs?: number;
  /** Client retries (default 0: the host decides about retrying). */
  readonly maxRetries?: number;
}

/** The official `openai` client pointed at Model Runner's `/engines[/<engine>]/v1`, over TCP or its socket. */
export function createOpenAiClient(connection: ModelRunnerConnection, options: OpenAiClientOptions = {}): OpenAI {
  return new OpenAI({
    baseURL: connection.openAiBaseUrl(options.engine),
    apiKey: options.apiKey ?? 'docker-model-runner',
    fetch: connection.fetch,
    maxRetries: options.maxRetries ?? 0,
    timeout: options.timeoutMs ?? 600_000,
  });
}
