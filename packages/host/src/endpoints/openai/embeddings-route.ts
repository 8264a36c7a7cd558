import type { ServerResponse } from 'node:http';
import { embedResponseToWire } from '@berth/sdk';
import { sendJson } from './models-route.js';
import type { ProviderSource } from './provider-source.js';

/** A float vector as OpenAI's base64 encoding (little-endian float32). */
function toBase64(vector: readonly number[]): string {
  return Buffer.from(new Float32Array(vector).buffer).toString('base64');
}

/** `POST /v1/embeddings`: float vectors, or base64 when asked (the `openai` npm client asks for base64 by default). */
export async function answerEmbeddings(
  source: ProviderSource,
  res: ServerResponse,
  body: { readonly model: string; readonly input: string | readonly string[]; readonly encoding_format?: 'float' | 'base64'; readonly dimensions?: number },
  modelId: string,
  signal: AbortSignal,
): Promise<void> {
  const input = typeof body.input === 'string' ? [body.input] : [...body.input];
  const response = await source.embed(modelId, { input, ...(body.dimensions !== undefined ? { dimensions: body.dimensions } : {}) }, { signal });
  const wire = embedResponseToWire(response, body.model);
  if (body.encoding_format !== 'base64') return sendJson(res, 200, wire);
  sendJson(res, 200, { ...wire, data: wire.data.map((d) => ({ ...d, embedding: toBase64(d.embedding) })) });
}
