import type { ChatRequest, ChatResponse } from './chat.js';
import type { EmbedRequest, EmbedResponse } from './embed.js';
import type { ListModelsOptions, ModelInfo } from './models.js';
import type { StreamPart } from './stream.js';

/** Options of every provider call. */
export interface ProviderCallOptions {
  /** Cancels the call; the provider stops the request and rejects (or ends the stream) with a `cancelled` error. */
  readonly signal?: AbortSignal;
}

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
  /** Embeds texts, when the provider supports it. */
  embed?(request: EmbedRequest, options?: ProviderCallOptions): Promise<EmbedResponse>;
}

/** `context.providers`. */
export interface ProvidersApi {
  /** Registers a provider; returns a function that unregisters it. */
  register(provider: Provider): () => void;
}
