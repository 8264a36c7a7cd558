import type { JsonObject } from '@berth/sdk';
import type { WireError } from './protocol.js';

/** The JSON-RPC error code used for every application error (the Berth code travels in `data`). */
export const APPLICATION_ERROR = -32000;

/** JSON-RPC 2.0's own error codes the channel answers with. */
export const JsonRpcErrorCodes = {
  /** The method does not exist (no handler registered for it). */
  MethodNotFound: -32601,
  /** The handler threw something that was not a {@link ResponseError}. */
  InternalError: -32603,
} as const;

/**
 * A JSON-RPC error, as a request handler throws it (sent as `{ code, message, data }`) and as a request's promise
 * rejects with it on the other side.
 */
export class ResponseError<D = unknown> extends Error {
  /** The JSON-RPC error code. */
  readonly code: number;
  /** The error's `data` (for Berth errors a {@link WireError}). */
  readonly data: D | undefined;

  /**
   * @param code - the JSON-RPC error code
   * @param message - the error message
   * @param data - what travels in `data`
   */
  constructor(code: number, message: string, data?: D) {
    super(message);
    this.name = 'ResponseError';
    this.code = code;
    this.data = data;
  }

  /** The error as it goes on the wire. */
  toJson(): { code: number; message: string; data?: D } {
    return this.data === undefined ? { code: this.code, message: this.message } : { code: this.code, message: this.message, data: this.data };
  }
}

const MAX_TEXT = 4096;

function text(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value.slice(0, MAX_TEXT) : fallback;
}

function jsonDetails(value: unknown): JsonObject | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  try {
    return JSON.parse(JSON.stringify(value)) as JsonObject;
  } catch {
    return undefined;
  }
}

/** Turns anything thrown into the error a JSON-RPC handler returns: name, message, Berth code and details. */
export function toResponseError(error: unknown): ResponseError<WireError> {
  const e = error instanceof Error ? error : new Error(String(error));
  const code = (e as { code?: unknown }).code;
  const details = typeof code === 'string' ? jsonDetails((e as { details?: unknown }).details) : undefined;
  const data: WireError = {
    name: e.name,
    message: e.message,
    ...(typeof code === 'string' ? { code } : {}),
    ...(details !== undefined ? { details } : {}),
  };
  return new ResponseError(APPLICATION_ERROR, e.message, data);
}

/** Builds the error for a Berth code (the host passes `BerthError`'s constructor; the child, which must not load the SDK, a plain one). */
export type BerthErrorFactory = (code: string, message: string, details: JsonObject) => Error;

/** A plain `Error` carrying `code` and `details`, shaped like a `BerthError` (for the child). */
export const plainBerthError: BerthErrorFactory = (code, message, details) =>
  Object.assign(new Error(message), { code, details });

/**
 * Rebuilds an error that crossed the channel: through `build` when it carries a Berth code, else a plain `Error`
 * with the same name, message and code. Only strings are copied (the other side may be hostile).
 */
export function fromWireError(error: unknown, build: BerthErrorFactory = plainBerthError): Error {
  const data = (error as { data?: unknown } | null)?.data as Partial<WireError> | undefined;
  const message = text(data?.message ?? (error as { message?: unknown } | null)?.message, 'unknown error');
  const code = typeof data?.code === 'string' ? data.code.slice(0, 100) : undefined;
  if (code?.startsWith('BERTH_') === true) {
    const rebuilt = build(code, message, jsonDetails(data?.details) ?? {});
    rebuilt.name = text(data?.name, 'BerthError').slice(0, 100);
    return rebuilt;
  }
  const rebuilt = new Error(message);
  rebuilt.name = text(data?.name, 'Error').slice(0, 100);
  if (code !== undefined) Object.defineProperty(rebuilt, 'code', { value: code, enumerable: true });
  return rebuilt;
}
