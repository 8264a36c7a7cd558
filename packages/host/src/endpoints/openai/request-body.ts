import type { IncomingMessage } from 'node:http';
import { invalidRequest } from './openai-error.js';
import type { OpenAiErrorAnswer } from './openai-error.js';

/** A parsed JSON body, or the answer refusing it. */
export type BodyResult = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly answer: OpenAiErrorAnswer };

/** The answer to a body over the limit. */
function tooLarge(limit: number): BodyResult {
  return { ok: false, answer: { ...invalidRequest(`the request body is larger than ${limit} bytes`, null, 'request_too_large'), status: 413 } };
}

/** The body's bytes parsed as JSON, or the answer saying why they are not JSON. */
function parsed(bytes: Buffer): BodyResult {
  try {
    return { ok: true, value: JSON.parse(bytes.toString('utf8')) as unknown };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, answer: invalidRequest(`the request body is not valid JSON (${reason}); send a JSON object with Content-Type: application/json`) };
  }
}

/**
 * Reads and parses a JSON request body of at most `limit` bytes. It listens to the stream's events rather than
 * iterating it: the async iterator costs a measurable share of the time to the first token on a small body.
 */
export function readJsonBody(req: IncomingMessage, limit: number): Promise<BodyResult> {
  return new Promise<BodyResult>((resolve, reject) => {
    let chunks: Buffer[] | undefined = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= limit) return void chunks?.push(chunk);
      // Refused: drop what was kept and drain the rest unread (the end then has nothing to parse).
      chunks = undefined;
      req.off('data', onData);
      req.resume();
      resolve(tooLarge(limit));
    };
    req.on('data', onData);
    req.once('end', () => {
      if (chunks !== undefined) resolve(parsed(Buffer.concat(chunks, size)));
    });
    req.once('error', reject);
    // Only a body cut short needs an error (creating one on every request costs a stack trace).
    req.once('close', () => {
      if (!req.readableEnded) reject(new Error('the request was closed before its body was read'));
    });
  });
}
