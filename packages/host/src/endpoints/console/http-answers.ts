import type { IncomingMessage, ServerResponse } from 'node:http';
import { BerthError } from '@berth/sdk';

/** Headers on every console answer: nothing cached, framed or sniffed, no referrer beyond this origin (with `no-referrer` a browser sends `Origin: null` on form posts); scripts and styles from this server only. */
export const CONSOLE_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'same-origin',
  'cache-control': 'no-store',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

/** Takes back the CORS headers the server added for loopback origins: the console's answers are for its own page only. */
export function withoutCors(res: ServerResponse): void {
  for (const name of ['access-control-allow-origin', 'access-control-expose-headers', 'vary']) res.removeHeader(name);
}

/** A JSON answer with the console's headers. */
export function answerJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...CONSOLE_HEADERS, 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** A refusal as JSON: `{ error, message }`. */
export function answerRefusal(res: ServerResponse, status: number, error: string, message: string): void {
  answerJson(res, status, { error, message });
}

/** An error of an operation, as JSON with a status from its code (unknown → 404, invalid → 400, else 409). */
export function answerError(res: ServerResponse, error: unknown): void {
  if (error instanceof BerthError) {
    const status = /NOT_FOUND/.test(error.code) ? 404 : /INVALID|UNKNOWN|NOT_REQUESTED|VALIDATION/.test(error.code) ? 400 : 409;
    answerJson(res, status, { error: error.code, message: error.message, details: error.details });
    return;
  }
  answerJson(res, 500, { error: 'internal_error', message: error instanceof Error ? error.message : String(error) });
}

/** Reads a JSON object body (at most `limit` bytes); a form's empty body is `{}`. */
export async function readJsonObject(req: IncomingMessage, limit = 1024 * 1024): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new ConsoleRequestError(`the request body is larger than ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ConsoleRequestError('the request body is not JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new ConsoleRequestError('the request body must be a JSON object');
  return parsed as Record<string, unknown>;
}

/** A malformed console request (answered 400). */
export class ConsoleRequestError extends Error {
  /** @param message - what is wrong with the request */
  constructor(message: string) {
    super(message);
    this.name = 'ConsoleRequestError';
  }
}
