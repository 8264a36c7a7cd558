import { BerthError } from './berth-error.js';
import { ErrorCodes } from './codes.js';

/** What went wrong with a provider call, whatever the server. */
export type ProviderErrorKind =
  | 'authentication'
  | 'rate-limit'
  | 'unavailable'
  | 'bad-request'
  | 'context-overflow'
  | 'model-not-found'
  | 'unsupported'
  | 'cancelled'
  | 'server';

/** The facts a provider error carries; all data-only. */
export interface ProviderErrorInit {
  /** The server's own message, kept word for word. */
  readonly serverMessage: string;
  /** The provider's name (e.g. `docker-llm`). */
  readonly provider?: string;
  /** The plugin that registered the provider, when known. */
  readonly plugin?: string;
  /** The model asked for, when there is one. */
  readonly model?: string;
  /** The HTTP status the server answered, when there was one. */
  readonly status?: number;
  /** For `rate-limit`: seconds to wait before retrying (`Retry-After`), when the server said. */
  readonly retryAfterSeconds?: number;
  /** How the user fixes it; a default per kind is used when absent. */
  readonly hint?: string;
  /** The underlying error. */
  readonly cause?: unknown;
}

/** The stable code and the default fix of each kind. */
const KINDS: Readonly<Record<ProviderErrorKind, { code: string; what: string; hint: string }>> = {
  authentication: { code: ErrorCodes.PROVIDER_AUTHENTICATION, what: 'refused the credentials', hint: 'check the API key in the provider settings' },
  'rate-limit': { code: ErrorCodes.PROVIDER_RATE_LIMITED, what: 'is rate-limiting requests', hint: 'retry later' },
  unavailable: { code: ErrorCodes.PROVIDER_UNAVAILABLE, what: 'is not available', hint: 'check that the model server is running and reachable' },
  'bad-request': { code: ErrorCodes.PROVIDER_BAD_REQUEST, what: 'refused the request', hint: 'fix the request fields the server names' },
  'context-overflow': { code: ErrorCodes.PROVIDER_CONTEXT_OVERFLOW, what: 'cannot fit the request in the context window', hint: 'shorten the conversation or lower max tokens' },
  'model-not-found': { code: ErrorCodes.PROVIDER_MODEL_NOT_FOUND, what: 'does not have the model', hint: 'list the models with `berth models list` or pull it' },
  unsupported: { code: ErrorCodes.PROVIDER_UNSUPPORTED, what: 'does not support this operation', hint: 'use a model or server that supports it' },
  cancelled: { code: ErrorCodes.CALL_CANCELLED, what: 'call was cancelled', hint: 'nothing to fix: the caller cancelled' },
  server: { code: ErrorCodes.PROVIDER_ERROR, what: 'failed', hint: 'see the server message; retry or check the server logs' },
};

/** The message of a provider error: who, what, the server's words, and the fix. */
function describe(kind: ProviderErrorKind, init: ProviderErrorInit): string {
  const who = init.provider !== undefined ? `provider '${init.provider}'` : 'the provider';
  const model = init.model !== undefined ? ` (model '${init.model}')` : '';
  const status = init.status !== undefined ? `HTTP ${init.status}: ` : '';
  const retry = init.retryAfterSeconds !== undefined ? `; retry after ${init.retryAfterSeconds}s` : '';
  return `${who}${model} ${KINDS[kind].what}: ${status}${init.serverMessage} (${init.hint ?? KINDS[kind].hint}${retry})`;
}

/**
 * The base of the provider errors. `kind` says what went wrong whatever the server; `serverMessage` and `status`
 * keep what the server said. Subclasses exist per kind; {@link createProviderError} picks the right one.
 */
export class ProviderError extends BerthError {
  /** What went wrong. */
  readonly kind: ProviderErrorKind;

  /**
   * @param kind - what went wrong
   * @param init - the server's message and the facts around it
   */
  constructor(kind: ProviderErrorKind, init: ProviderErrorInit) {
    super(
      KINDS[kind].code,
      describe(kind, init),
      {
        kind,
        serverMessage: init.serverMessage,
        hint: init.hint ?? KINDS[kind].hint,
        ...(init.plugin !== undefined ? { plugin: init.plugin } : {}),
        ...(init.provider !== undefined ? { provider: init.provider } : {}),
        ...(init.model !== undefined ? { model: init.model } : {}),
        ...(init.status !== undefined ? { status: init.status } : {}),
        ...(init.retryAfterSeconds !== undefined ? { retryAfterSeconds: init.retryAfterSeconds } : {}),
      },
      init.cause !== undefined ? { cause: init.cause } : undefined,
    );
    this.kind = kind;
  }

  /** The server's own message, word for word. */
  get serverMessage(): string {
    return this.details['serverMessage'] as string;
  }

  /** The HTTP status the server answered, if any. */
  get status(): number | undefined {
    return this.details['status'] as number | undefined;
  }

  /** Seconds to wait before retrying, for `rate-limit`. */
  get retryAfterSeconds(): number | undefined {
    return this.details['retryAfterSeconds'] as number | undefined;
  }
}

/** The server refused the credentials (HTTP 401/403). */
export class ProviderAuthenticationError extends ProviderError {
  /** @param init - the server's message and the facts around it */
  constructor(init: ProviderErrorInit) {
    super('authentication', init);
  }
}

/** The server is rate-limiting (HTTP 429); see `retryAfterSeconds`. */
export class ProviderRateLimitError extends ProviderError {
  /** @param init - the server's message and the facts around it */
  constructor(init: ProviderErrorInit) {
    super('rate-limit', init);
  }
}

/** The server cannot be reached or is not ready (connection refused, HTTP 502/503, model loading). */
export class ProviderUnavailableError extends ProviderError {
  /** @param init - the server's message and the facts around it */
  constructor(init: ProviderErrorInit) {
    super('unavailable', init);
  }
}

/** The server refused the request as malformed (HTTP 400/422, or llama.cpp's JSON parse error). */
export class ProviderBadRequestError extends ProviderError {
  /** @param init - the server's message and the facts around it */
  constructor(init: ProviderErrorInit) {
    super('bad-request', init);
  }
}

/** The request does not fit the model's context window. */
export class ContextOverflowError extends ProviderError {
  /** @param init - the server's message and the facts around it */
  constructor(init: ProviderErrorInit) {
    super('context-overflow', init);
  }
}

/** The server does not have the model asked for. */
export class ModelNotFoundError extends ProviderError {
  /** @param init - the server's message and the facts around it */
  constructor(init: ProviderErrorInit) {
    super('model-not-found', init);
  }
}

/** The server does not support the operation (HTTP 501, e.g. embeddings not enabled). */
export class ProviderUnsupportedError extends ProviderError {
  /** @param init - the server's message and the facts around it */
  constructor(init: ProviderErrorInit) {
    super('unsupported', init);
  }
}

/** The caller cancelled the call through its `signal`. */
export class ProviderCancelledError extends ProviderError {
  /** @param init - the server's message and the facts around it */
  constructor(init: ProviderErrorInit) {
    super('cancelled', init);
  }
}

/** The server failed on its side (HTTP 500 and the like). */
export class ProviderServerError extends ProviderError {
  /** @param init - the server's message and the facts around it */
  constructor(init: ProviderErrorInit) {
    super('server', init);
  }
}

const CLASSES: Readonly<Record<ProviderErrorKind, new (init: ProviderErrorInit) => ProviderError>> = {
  authentication: ProviderAuthenticationError,
  'rate-limit': ProviderRateLimitError,
  unavailable: ProviderUnavailableError,
  'bad-request': ProviderBadRequestError,
  'context-overflow': ContextOverflowError,
  'model-not-found': ModelNotFoundError,
  unsupported: ProviderUnsupportedError,
  cancelled: ProviderCancelledError,
  server: ProviderServerError,
};

/** Builds the provider error subclass of `kind` (e.g. to revive one that crossed an RPC boundary). */
export function createProviderError(kind: ProviderErrorKind, init: ProviderErrorInit): ProviderError {
  return new CLASSES[kind](init);
}

/** True when `value` is a {@link ProviderError}, optionally of the given kind. */
export function isProviderError(value: unknown, kind?: ProviderErrorKind): value is ProviderError {
  return value instanceof ProviderError && (kind === undefined || value.kind === kind);
}

/** A model pull through a model server failed; the message names the model and the server's reason. */
export class ModelPullError extends BerthError {
  /**
   * @param model - the model that was being pulled
   * @param reason - what the server said
   * @param details - the provider and the HTTP status, when known
   */
  constructor(model: string, reason: string, details: { readonly provider?: string; readonly status?: number } = {}) {
    const hint = 'check the model name (e.g. `ai/smollm2`), the network, and free disk space, then pull again';
    super(ErrorCodes.MODEL_PULL_FAILED, `pulling model '${model}' failed: ${reason} (${hint})`, {
      model,
      serverMessage: reason,
      hint,
      ...details,
    });
  }
}
