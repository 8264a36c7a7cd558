import type { ProviderErrorKind } from '@berth/sdk';

/** What a server said when it refused a request, whatever its shape (OpenAI JSON from llama.cpp, or plain text). */
export interface ServerErrorReport {
  /** The HTTP status, when there was one (errors inside a stream have none). */
  readonly status?: number;
  /** The server's message, word for word (trimmed). */
  readonly message: string;
  /** The OpenAI error `type` (llama.cpp: `invalid_request_error`, `exceed_context_size_error`, …), when given. */
  readonly type?: string;
  /** Seconds from a `Retry-After` header, when given. */
  readonly retryAfterSeconds?: number;
}

/** An object with an OpenAI-shaped `error` field: `{ error: { message, type, code } }` or `{ message }`. */
interface ErrorObject {
  readonly message?: unknown;
  readonly type?: unknown;
  readonly error?: unknown;
}

/** Reads `{error:{message,type}}`, `{message}`, or falls back to the raw text. */
export function parseErrorBody(status: number | undefined, body: string): ServerErrorReport {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { ...(status !== undefined ? { status } : {}), message: body.trim() };
  }
  const inner = (parsed as ErrorObject | null)?.error;
  const source = (typeof inner === 'object' && inner !== null ? inner : parsed) as ErrorObject | null;
  const message = typeof source?.message === 'string' ? source.message : typeof inner === 'string' ? inner : body.trim();
  return {
    ...(status !== undefined ? { status } : {}),
    message,
    ...(typeof source?.type === 'string' ? { type: source.type } : {}),
  };
}

const CONTEXT = /exceeds? the available context|context (size|length|window)|too many tokens|maximum context/i;
const MODEL_MISSING = /model .*not found|^model not found|no such model|unknown model/i;
const JSON_PARSE = /parse[_ ]error|failed to parse|invalid json|malformed json/i;
const UNSUPPORTED = /not supported|not implemented/i;
const NOT_LOADABLE = /unable to load runner|model unavailable|not installed|service unavailable|loading model/i;

/** The kind a refused request amounts to, from its type first, then its status, then its words. */
export function classifyServerError(report: ServerErrorReport): ProviderErrorKind {
  const { status, type, message } = report;
  if (status === 401 || status === 403 || type === 'authentication_error' || type === 'permission_error') return 'authentication';
  if (status === 429 || type === 'rate_limit_error') return 'rate-limit';
  if (type === 'exceed_context_size_error' || CONTEXT.test(message)) return 'context-overflow';
  if (MODEL_MISSING.test(message)) return 'model-not-found';
  if (status === 501 || type === 'not_supported_error' || UNSUPPORTED.test(message)) return 'unsupported';
  if (status === 412 || status === 502 || status === 503 || status === 504 || type === 'unavailable_error' || NOT_LOADABLE.test(message)) {
    return 'unavailable';
  }
  if (JSON_PARSE.test(message) || status === 400 || status === 413 || status === 422 || type === 'invalid_request_error') {
    return 'bad-request';
  }
  if (status === 404) return 'unsupported';
  return 'server';
}
