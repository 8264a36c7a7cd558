import type {
  ChatRequest,
  ChatResponse,
  EmbedRequest,
  EmbedResponse,
  ModelInfo,
  ProviderCallOptions,
  StreamPart,
  WireChunkText,
  WireStreamOptions,
} from '@berth/sdk';

/** A model as the endpoint publishes it: `id` is `<plugin>/<model>`. */
export interface SourceModel extends ModelInfo {
  /** `<plugin>/<model>`, e.g. `docker-llm/ai/smollm2`. */
  readonly id: string;
  /** The plugin serving it, when known (reported as `owned_by`). */
  readonly plugin?: string;
}

/**
 * Where the OpenAI-compatible endpoint gets its models and answers: every provider, addressed by `<plugin>/<model>`.
 * The host's `ProviderRegistry` implements it (with the `provider:beforeRequest` / `provider:afterResponse` hooks
 * around each call); {@link createStaticProviderSource} is a small in-process one.
 */
export interface ProviderSource {
  /** Every model of every provider, as `<plugin>/<model>`. */
  listModels(options?: { readonly signal?: AbortSignal }): Promise<readonly SourceModel[]>;
  /** Answers a chat request for `<plugin>/<model>`. */
  chat(modelId: string, request: Omit<ChatRequest, 'model'>, options?: ProviderCallOptions): Promise<ChatResponse>;
  /** Streams a chat answer for `<plugin>/<model>`. */
  stream(modelId: string, request: Omit<ChatRequest, 'model'>, options?: ProviderCallOptions): AsyncIterable<StreamPart>;
  /**
   * The upstream's own chunks for `<plugin>/<model>` (`Provider.streamWire`), or undefined when the typed `stream`
   * must answer: the provider has no `streamWire`, or `provider:*` hooks need the typed parts.
   */
  streamWire?(modelId: string, request: Omit<ChatRequest, 'model'>, options?: WireStreamOptions): Promise<AsyncIterable<WireChunkText> | undefined>;
  /** Embeds texts with `<plugin>/<model>`. */
  embed(modelId: string, request: Omit<EmbedRequest, 'model'>, options?: ProviderCallOptions): Promise<EmbedResponse>;
}
