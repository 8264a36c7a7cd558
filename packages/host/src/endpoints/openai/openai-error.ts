import type { ServerResponse } from 'node:http';
import { isBerthError, isProviderError } from '@berth/sdk';
import type { ProviderErrorKind } from '@berth/sdk';

/** The OpenAI error body: `{ error: { message, type, code, param } }`. */
export interface OpenAiErrorBody {
  /** The error. */
  readonly error: {
    /** What went wrong and the fix. */
    readonly message: string;
    /** OpenAI's error type, e.g. `invalid_request_error`. */
    readonly type: string;
    /** A stable code: OpenAI's where one exists (`model_not_found`, `context_length_exceeded`), else Berth's. */
    readonly code: string | null;
    /** The request field at fault, when known. */
    readonly param: string | null;
  };
}

/** An error as the endpoint answers it. */
export interface OpenAiErrorAnswer {
  /** The HTTP status. */
  readonly status: number;
  /** The body. */
  readonly body: OpenAiErrorBody;
  /** Extra headers (`Retry-After`). */
  readonly headers: Record<string, string>;
}

/** Status, type and code per provider error kind. A provider's own 401 is the upstream's problem: 502, not 401. */
const BY_KIND: Readonly<Record<ProviderErrorKind, { status: number; type: string; code: string }>> = {
  authentication: { status: 502, type: 'upstream_authentication_error', code: 'provider_authentication_failed' },
  'rate-limit': { status: 429, type: 'rate_limit_error', code: 'rate_limit_exceeded' },
  unavailable: { status: 503, type: 'service_unavailable_error', code: 'provider_unavailable' },
  'bad-request': { status: 400, type: 'invalid_request_error', code: 'invalid_request' },
  'context-overflow': { status: 400, type: 'invalid_request_error', code: 'context_length_exceeded' },
  'model-not-found': { status: 404, type: 'invalid_request_error', code: 'model_not_found' },
  unsupported: { status: 501, type: 'not_supported_error', code: 'not_supported' },
  cancelled: { status: 499, type: 'cancelled_error', code: 'request_cancelled' },
  server: { status: 502, type: 'server_error', code: 'provider_error' },
};

/** A request the endpoint itself refuses (bad JSON, a missing field). */
export function invalidRequest(message: string, param: string | null = null, code = 'invalid_request'): OpenAiErrorAnswer {
  return { status: 400, body: { error: { message, type: 'invalid_request_error', code, param } }, headers: {} };
}

/** Any error thrown while answering, in the OpenAI shape with the right status. */
export function toOpenAiError(error: unknown): OpenAiErrorAnswer {
  if (isProviderError(error)) {
    const m = BY_KIND[error.kind];
    const retry = error.retryAfterSeconds;
    const param = error.kind === 'model-not-found' ? 'model' : error.kind === 'context-overflow' ? 'messages' : null;
    return {
      status: m.status,
      body: { error: { message: error.message, type: m.type, code: m.code, param } },
      headers: retry !== undefined ? { 'retry-after': String(retry) } : {},
    };
  }
  if (isBerthError(error)) {
    const denied = error.code === 'BERTH_PERMISSION_DENIED' || error.code === 'BERTH_TOOL_DENIED';
    const notFound = error.code.endsWith('_NOT_FOUND');
    const status = denied ? 403 : notFound ? 404 : 500;
    const type = denied ? 'permission_error' : notFound ? 'invalid_request_error' : 'server_error';
    const code = error.code === 'BERTH_PROVIDER_NOT_FOUND' ? 'model_not_found' : error.code;
    return { status, body: { error: { message: error.message, type, code, param: notFound ? 'model' : null } }, headers: {} };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { status: 500, body: { error: { message: `Berth failed to answer: ${message}`, type: 'server_error', code: 'internal_error', param: null } }, headers: {} };
}

/** Writes an error answer (when nothing was sent yet). */
export function sendOpenAiError(res: ServerResponse, answer: OpenAiErrorAnswer): void {
  const text = JSON.stringify(answer.body);
  res.writeHead(answer.status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...answer.headers });
  res.end(text);
}
