/** What a model can do. */
export type ModelCapability = 'chat' | 'tools' | 'embeddings' | 'vision';

/** A model a provider offers (OpenAI: an entry of `GET /models`). */
export interface ModelInfo {
  /** The id as the provider names it (e.g. `ai/smollm2`, `hf.co/org/model`), without the plugin prefix. */
  readonly id: string;
  /** Who owns it, when known (OpenAI: `owned_by`). */
  readonly ownedBy?: string;
  /** Unix seconds when it was created, when known. */
  readonly created?: number;
  /** The context window in tokens, when known. */
  readonly contextLength?: number;
  /** What it can do, when known. */
  readonly capabilities?: readonly ModelCapability[];
}

/** Options of `Provider.listModels`. */
export interface ListModelsOptions {
  /** Cancels the request. */
  readonly signal?: AbortSignal;
}
