import type { EmbedResponse } from '../embed.js';
import type { WireEmbeddings } from './wire-types.js';

/** An OpenAI embeddings answer (float vectors) as an {@link EmbedResponse}, vectors in input order. */
export function embedResponseFromWire(answer: WireEmbeddings): EmbedResponse {
  const ordered = [...answer.data].sort((a, b) => a.index - b.index);
  const u = answer.usage;
  return {
    model: answer.model,
    embeddings: ordered.map((d) => d.embedding),
    ...(u !== undefined ? { usage: { promptTokens: u.prompt_tokens, completionTokens: 0, totalTokens: u.total_tokens } } : {}),
  };
}

/** An {@link EmbedResponse} as an OpenAI embeddings answer, reporting `model`. */
export function embedResponseToWire(response: EmbedResponse, model: string = response.model): WireEmbeddings {
  return {
    object: 'list',
    model,
    data: response.embeddings.map((embedding, index) => ({ object: 'embedding', index, embedding: [...embedding] })),
    ...(response.usage !== undefined ? { usage: { prompt_tokens: response.usage.promptTokens, total_tokens: response.usage.totalTokens } } : {}),
  };
}
