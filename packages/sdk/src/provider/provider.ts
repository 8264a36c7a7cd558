import type { ChatRequest, ChatResponse } from './chat.js';
import type { EmbedRequest, EmbedResponse } from './embed.js';
import type { ListModelsOptions, ModelInfo } from './models.js';
import type { StreamPart } from './stream.js';

/** Options of every provider call. */
export interface ProviderCallOptions {
  /** Cancels the call; the provider stops the request and rejects (or ends the stream) with a `cancelled` error. */
  readonly signal?: AbortSignal;
}

/** Options of {@link Provider.streamWire}. */
export interface WireStreamOptions extends ProviderCallOptions {
  /** The client asked for the usage chunk (`stream_options.include_usage`): ask the upstream for it too. */
  readonly includeUsage?: boolean;
}

/**
 * One chunk of an OpenAI chat-completions stream as the upstream sent it: the JSON text of one server-sent event's
 * `data:` field (never `[DONE]`), on one line.
 */
export type WireChunkText = string;

/**
 * An LLM provider as a plugin registers it with `context.providers.register(provider)`. Requests, responses and
 * stream parts are data-only (structured-cloneable) so a provider works the same inside a sandboxed child process.
 * Failures are thrown as `ProviderError` subclasses (see `errors/provider.ts`). The host addresses its models as
 * `<plugin>/<model>`; the provider itself sees the bare model id.
 */
export interface Provider {
  /** The provider's name within its plugin (usually the plugin's name). */
  readonly name: string;
  /** The models it offers now. */
  listModels(options?: ListModelsOptions): Promise<readonly ModelInfo[]>;
  /** Answers a chat request in one piece. */
  chat(request: ChatRequest, options?: ProviderCallOptions): Promise<ChatResponse>;
  /** Answers a chat request as a stream of typed parts, ending with a `finish` part. */
  stream(request: ChatRequest, options?: ProviderCallOptions): AsyncIterable<StreamPart>;
  /**
   * Optional, for a provider whose upstream already speaks the OpenAI wire format: the same answer as `stream`,
   * as the upstream's chunks, verbatim and in order (see {@link WireChunkText}). The OpenAI-compatible endpoint
   * passes them to its client with only the `model` field rewritten, skipping the conversion to typed parts and
   * back; it uses `stream` instead whenever `provider:*` hooks need the typed parts. A refused request throws
   * (a `ProviderError`) before the first chunk; a later failure throws mid-stream.
   */
  streamWire?(request: ChatRequest, options?: WireStreamOptions): AsyncIterable<WireChunkText>;
  /** Embeds texts, when the provider supports it. */
  embed?(request: EmbedRequest, options?: ProviderCallOptions): Promise<EmbedResponse>;
}

/** `context.providers`. */
export interface ProvidersApi {
  /** Registers a provider; returns a function that unregisters it. */
  register(provider: Provider): () => void;
}
