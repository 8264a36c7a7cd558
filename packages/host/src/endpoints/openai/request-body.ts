import type { IncomingMessage } from 'node:http';
import { invalidRequest } from './openai-error.js';
import type { OpenAiErrorAnswer } from './openai-error.js';

/** A parsed JSON body, or the answer refusing it. */
export type BodyResult = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly answer: OpenAiErrorAnswer };

/** Reads and parses a JSON request body of at most `limit` bytes. */
export async function readJsonBody(req: IncomingMessage, limit: number): Promise<BodyResult> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) {
      req.resume();
      return { ok: false, answer: { ...invalidRequest(`the request body is larger than ${limit} bytes`, null, 'request_too_large'), status: 413 } };
    }
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, answer: invalidRequest(`the request body is not valid JSON (${reason}); send a JSON object with Content-Type: application/json`) };
  }
}
