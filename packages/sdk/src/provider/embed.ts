import type { Usage } from './chat.js';

/** An embeddings request (OpenAI: `POST /embeddings` with an array `input`). */
export interface EmbedRequest {
  /** The model id as the provider names it. */
  readonly model: string;
  /** The texts to embed. */
  readonly input: readonly string[];
  /** The number of dimensions, where the model supports choosing it. */
  readonly dimensions?: number;
}

/** An embeddings answer: one vector per input, in input order. */
export interface EmbedResponse {
  /** The model that answered. */
  readonly model: string;
  /** The vectors, `embeddings[i]` for `input[i]`. */
  readonly embeddings: readonly (readonly number[])[];
  /** Token counts, when the server reports them (`completionTokens` is 0). */
  readonly usage?: Usage;
}
