import type { Disposable, RpcMessage, NdjsonMessageReader, NdjsonMessageWriter } from './framing.js';
import { CancelToken } from './cancel-token.js';
import { JsonRpcErrorCodes, ResponseError } from './wire-error.js';

/** The notification that cancels a request (JSON-RPC's usual name; params `{ id }`). */
export const CANCEL_METHOD = '$/cancelRequest';

/** Answers a request: a value (or its promise), or throws a {@link ResponseError}. */
export type RequestHandler = (params: unknown, token: CancelToken) => unknown;
/** Answers any request without a handler of its own. */
export type StarRequestHandler = (method: string, params: unknown) => unknown;
/** Handles a notification. */
export type NotificationHandler = (params: unknown) => void;
/** Handles any notification without a handler of its own. */
export type StarNotificationHandler = (method: string, params: unknown) => void;
/** Settles one request sent with {@link RpcConnection.send}: an error (a {@link ResponseError}, or the channel closing) or the result. */
export type Settle = (error: Error | undefined, result: unknown) => void;

type Id = number | string;

/** The error requests in flight reject with when the channel closes. */
export class ConnectionClosedError extends Error {
  /** @param message - what happened */
  constructor(message = 'the channel closed') {
    super(message);
    this.name = 'ConnectionClosedError';
  }
}

const isId = (value: unknown): value is Id => typeof value === 'number' || typeof value === 'string';

/** A response's `error` member, copied field by field (the other side may be hostile). */
function responseErrorOf(error: unknown): ResponseError {
  const e = (typeof error === 'object' && error !== null ? error : {}) as { code?: unknown; message?: unknown; data?: unknown };
  const code = typeof e.code === 'number' ? e.code : JsonRpcErrorCodes.InternalError;
  return new ResponseError(code, typeof e.message === 'string' ? e.message : 'unknown error', e.data);
}

/**
 * JSON-RPC 2.0 over a {@link NdjsonMessageReader} and {@link NdjsonMessageWriter}: requests, responses,
 * notifications and `$/cancelRequest`. Messages are dispatched as they are decoded, in order, in the same turn
 * (handlers that are async run concurrently); what is sent in one turn leaves in one write.
 *
 * Replaces `vscode-jsonrpc`, which handles one message per event-loop turn on each side (a `setImmediate` per
 * message) and allocates a cancellation source and a few closures per request; with only the parts the
 * host⇄plugin protocol uses, a round trip costs about what a bare newline-delimited JSON exchange does.
 */
export class RpcConnection {
  readonly #reader: NdjsonMessageReader;
  readonly #writer: NdjsonMessageWriter;
  readonly #requests = new Map<string, RequestHandler>();
  readonly #notifications = new Map<string, NotificationHandler>();
  readonly #pending = new Map<Id, Settle>();
  readonly #running = new Map<Id, CancelToken>();
  readonly #closeListeners = new Set<() => void>();
  #starRequest: StarRequestHandler | undefined;
  #starNotification: StarNotificationHandler | undefined;
  #listening: Disposable | undefined;
  #nextId = 0;
  #closed = false;

  /**
   * @param reader - decodes what arrives
   * @param writer - encodes what leaves
   */
  constructor(reader: NdjsonMessageReader, writer: NdjsonMessageWriter) {
    this.#reader = reader;
    this.#writer = writer;
  }

  /** Registers the handler of `method`, or (with a function only) the handler of every other method. */
  onRequest(method: string, handler: RequestHandler): void;
  onRequest(handler: StarRequestHandler): void;
  onRequest(method: string | StarRequestHandler, handler?: RequestHandler): void {
    if (typeof method === 'function') this.#starRequest = method;
    else if (handler !== undefined) this.#requests.set(method, handler);
  }

  /** Registers the handler of notification `method`, or (with a function only) of every other one. */
  onNotification(method: string, handler: NotificationHandler): void;
  onNotification(handler: StarNotificationHandler): void;
  onNotification(method: string | StarNotificationHandler, handler?: NotificationHandler): void {
    if (typeof method === 'function') this.#starNotification = method;
    else if (handler !== undefined) this.#notifications.set(method, handler);
  }

  /** Told once when the channel closes. Returns a function that removes the listener. */
  onClose(listener: () => void): () => void {
    this.#closeListeners.add(listener);
    return () => this.#closeListeners.delete(listener);
  }

  /** Starts reading. */
  listen(): void {
    this.#listening ??= this.#reader.listen((message) => this.#dispatch(message), { onClose: () => this.#close() });
  }

  /**
   * Sends a request; `settle` is called once with the answer. Returns the request's id (for {@link cancel}).
   * The lean form for hot paths: no promise, no cancellation object.
   */
  send(method: string, params: unknown, settle: Settle): number {
    const id = ++this.#nextId;
    if (this.#closed) {
      settle(new ConnectionClosedError(), undefined);
      return id;
    }
    this.#pending.set(id, settle);
    this.#writer.write(params === undefined ? { jsonrpc: '2.0', id, method } : { jsonrpc: '2.0', id, method, params });
    return id;
  }

  /** Sends a request; the promise settles with its result, or rejects with a {@link ResponseError}. */
  sendRequest(method: string, params?: unknown, signal?: AbortSignal): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const onAbort = (): void => this.cancel(id);
      const id = this.send(method, params, (error, result) => {
        signal?.removeEventListener('abort', onAbort);
        if (error !== undefined) reject(error);
        else resolve(result);
      });
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Asks the other side to cancel request `id` (its answer, if it still comes, is then ignored). */
  cancel(id: number): void {
    if (!this.#pending.delete(id) || this.#closed) return;
    this.#writer.write({ jsonrpc: '2.0', method: CANCEL_METHOD, params: { id } });
  }

  /** Sends a notification. */
  sendNotification(method: string, params?: unknown): void {
    if (this.#closed) return;
    this.#writer.write(params === undefined ? { jsonrpc: '2.0', method } : { jsonrpc: '2.0', method, params });
  }

  /**
   * Stops reading; requests in flight reject with {@link ConnectionClosedError}. (When the stream merely closes,
   * they stay pending: the host rejects them with the plugin's crash error once it knows why the process ended.)
   */
  dispose(): void {
    this.#listening?.dispose();
    this.#close();
    const pending = [...this.#pending.values()];
    this.#pending.clear();
    for (const settle of pending) settle(new ConnectionClosedError(), undefined);
  }

  #close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const token of this.#running.values()) token.cancel();
    this.#running.clear();
    for (const listener of [...this.#closeListeners]) listener();
  }

  #dispatch(message: RpcMessage): void {
    const method = message['method'];
    if (typeof method === 'string') {
      const id = message['id'];
      if (isId(id)) this.#request(id, method, message['params']);
      else if (id === undefined) this.#notification(method, message['params']);
      return;
    }
    const id = message['id'];
    if (!isId(id)) return;
    const settle = this.#pending.get(id);
    if (settle === undefined) return; // cancelled, or never asked for
    this.#pending.delete(id);
    if (message['error'] !== undefined) settle(responseErrorOf(message['error']), undefined);
    else settle(undefined, message['result'] ?? null);
  }

  #notification(method: string, params: unknown): void {
    if (method === CANCEL_METHOD) {
      const id = (params as { id?: unknown } | null)?.id;
      if (isId(id)) this.#running.get(id)?.cancel();
      return;
    }
    const handler = this.#notifications.get(method);
    try {
      if (handler !== undefined) handler(params);
      else this.#starNotification?.(method, params);
    } catch {
      // a notification has no one to answer; the handler's own checks audit what matters
    }
  }

  #request(id: Id, method: string, params: unknown): void {
    const handler = this.#requests.get(method);
    if (handler === undefined && this.#starRequest === undefined) {
      return this.#respondError(id, new ResponseError(JsonRpcErrorCodes.MethodNotFound, `Unhandled method ${method}`));
    }
    let token: CancelToken | undefined;
    let value: unknown;
    try {
      if (handler !== undefined) {
        token = new CancelToken();
        this.#running.set(id, token);
        value = handler(params, token);
      } else {
        value = this.#starRequest?.(method, params);
      }
    } catch (error) {
      if (token !== undefined) this.#running.delete(id);
      return this.#respondError(id, error);
    }
    if (value instanceof Promise) {
      value.then(
        (result: unknown) => this.#respond(id, result),
        (error: unknown) => this.#respondError(id, error),
      );
    } else {
      this.#respond(id, value);
    }
  }

  #respond(id: Id, result: unknown): void {
    this.#running.delete(id);
    if (this.#closed) return;
    try {
      this.#writer.write({ jsonrpc: '2.0', id, result: result ?? null });
    } catch (error) {
      this.#respondError(id, error); // e.g. a result JSON cannot represent (a BigInt, a cycle)
    }
  }

  #respondError(id: Id, error: unknown): void {
    this.#running.delete(id);
    if (this.#closed) return;
    const wire =
      error instanceof ResponseError
        ? error.toJson()
        : { code: JsonRpcErrorCodes.InternalError, message: `Request failed: ${error instanceof Error ? error.message : String(error)}` };
    try {
      this.#writer.write({ jsonrpc: '2.0', id, error: wire });
    } catch {
      this.#writer.write({ jsonrpc: '2.0', id, error: { code: JsonRpcErrorCodes.InternalError, message: 'the error could not be sent' } });
    }
  }
}
