import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { createProviderError, isProviderError } from '@berth/sdk';
import type { ProviderError, ProviderErrorKind } from '@berth/sdk';
import { classifyServerError } from './server-error.js';
import type { ServerErrorReport } from './server-error.js';

/** Who was being asked, for the error message. */
export interface ErrorContext {
  /** The provider's name. */
  readonly provider: string;
  /** Where Model Runner is (its label), when located. */
  readonly where?: string;
  /** The model asked for. */
  readonly model?: string;
}

/** The fix to print for each kind, specific to Model Runner. */
const HINTS: Partial<Record<ProviderErrorKind, string>> = {
  'model-not-found': 'pull it with `berth models pull <model>` (or `docker model pull <model>`), or list the models with `berth models list`',
  unavailable: 'check `docker model status`; a model that does not fit in memory cannot be loaded',
  unsupported: 'the server has no such endpoint or feature: check the base_url and engine settings (embeddings need an embedding model)',
  'context-overflow': 'shorten the conversation, or raise the context size with `docker model configure --context-size`',
};

/** Seconds from a `Retry-After` header. */
function retryAfter(headers: Headers | undefined): number | undefined {
  const value = headers?.get('retry-after');
  const seconds = value === null || value === undefined ? Number.NaN : Number(value);
  return Number.isFinite(seconds) ? seconds : undefined;
}

/** The server's report inside an openai `APIError` (JSON from llama.cpp, or Model Runner's plain text). */
function reportOf(error: APIError): ServerErrorReport {
  const inner = error.error as { message?: unknown; type?: unknown } | undefined;
  const status = error.status;
  const prefix = status !== undefined ? `${status} ` : '';
  const text = typeof inner?.message === 'string' ? inner.message : error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
  const seconds = retryAfter(error.headers);
  return {
    ...(status !== undefined ? { status } : {}),
    message: text.trim(),
    ...(typeof inner?.type === 'string' ? { type: inner.type } : {}),
    ...(seconds !== undefined ? { retryAfterSeconds: seconds } : {}),
  };
}

/** Builds the typed error for a server's report. */
export function fromServerReport(report: ServerErrorReport, context: ErrorContext, cause?: unknown): ProviderError {
  const kind = classifyServerError(report);
  const hint = HINTS[kind];
  return createProviderError(kind, {
    serverMessage: report.message,
    provider: context.provider,
    plugin: context.provider,
    ...(context.model !== undefined ? { model: context.model } : {}),
    ...(report.status !== undefined ? { status: report.status } : {}),
    ...(report.retryAfterSeconds !== undefined ? { retryAfterSeconds: report.retryAfterSeconds } : {}),
    ...(hint !== undefined ? { hint } : {}),
    ...(cause !== undefined ? { cause } : {}),
  });
}

/** Turns whatever the openai client (or a fetch) threw into a typed provider error. */
export function toProviderError(error: unknown, context: ErrorContext): ProviderError {
  if (isProviderError(error)) return error;
  const base = { provider: context.provider, plugin: context.provider, ...(context.model !== undefined ? { model: context.model } : {}) };
  if (error instanceof APIUserAbortError || (error instanceof Error && error.name === 'AbortError')) {
    return createProviderError('cancelled', { ...base, serverMessage: 'request aborted by the caller', cause: error });
  }
  // A bare fetch (Model Runner's own API) fails with a TypeError whose cause is the socket error.
  const unreachable = error instanceof TypeError && error.cause instanceof Error;
  if (error instanceof APIConnectionTimeoutError || error instanceof APIConnectionError || unreachable) {
    const where = context.where !== undefined ? ` at ${context.where}` : '';
    const reason = error.cause instanceof Error ? error.cause.message : error.message;
    return createProviderError('unavailable', { ...base, serverMessage: `cannot connect to Docker Model Runner${where}: ${reason}`, cause: error });
  }
  if (error instanceof APIError) return fromServerReport(reportOf(error), context, error);
  const message = error instanceof Error ? error.message : String(error);
  return createProviderError('server', { ...base, serverMessage: message, cause: error });
}
