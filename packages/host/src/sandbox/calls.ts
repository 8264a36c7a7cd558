import { BerthError, CallCancelledError, CallTimeoutError, type JsonObject, type JsonValue, type ToolProgress } from '@berth/sdk';
import type { RpcConnection } from '../rpc/connection.js';
import { fromWireError } from '../rpc/wire-error.js';

const hostError = (code: string, message: string, details: JsonObject): Error => new BerthError(code, message, details);

/** Options of one call into the child. */
export interface ChildCallOptions {
  /** What is called, for errors (e.g. `tool 'echo'`). */
  readonly what: string;
  /** Cancels the call (`$/cancelRequest`); the promise rejects at once with `CallCancelledError`. */
  readonly signal?: AbortSignal;
  /** Time limit; the promise rejects with `CallTimeoutError` and the request is cancelled. */
  readonly timeoutMs?: number;
  /** The token the child uses for progress and stream items. */
  readonly token?: string;
  /** Receives progress reports. */
  readonly onProgress?: (update: ToolProgress) => void;
  /** Receives stream items. */
  readonly onItem?: (item: JsonValue) => void;
}

/**
 * The host's calls into one child: each races the answer, its time limit, its caller's signal and the child's
 * death — when the child dies, every call in flight rejects at once with the crash error.
 */
export class ChildCalls {
  readonly #connection: RpcConnection;
  readonly #plugin: string;
  readonly #defaultTimeoutMs: number;
  readonly #inFlight = new Set<(error: Error) => void>();
  readonly #progress = new Map<string, (update: ToolProgress) => void>();
  readonly #items = new Map<string, (item: JsonValue) => void>();
  #failure: Error | undefined;
  #tokens = 0;

  /**
   * @param connection - the channel
   * @param plugin - the plugin's name, for errors
   * @param defaultTimeoutMs - the per-call time limit when a call names none
   */
  constructor(connection: RpcConnection, plugin: string, defaultTimeoutMs: number) {
    this.#connection = connection;
    this.#plugin = plugin;
    this.#defaultTimeoutMs = defaultTimeoutMs;
  }

  /** A fresh token for progress or stream items. */
  token(): string {
    return `h${++this.#tokens}`;
  }

  /** Sends a request and settles as described on the class. */
  request<T>(method: string, params: object, options: ChildCallOptions): Promise<T> {
    if (this.#failure !== undefined) return Promise.reject(this.#failure);
    if (options.signal?.aborted === true) return Promise.reject(new CallCancelledError(options.what, this.#plugin));
    return new Promise<T>((resolve, reject) => {
      const timeoutMs = options.timeoutMs ?? this.#defaultTimeoutMs;
      const finish = (): void => {
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
        this.#inFlight.delete(fail);
        if (options.token !== undefined) {
          this.#progress.delete(options.token);
          this.#items.delete(options.token);
        }
      };
      const fail = (error: Error): void => {
        finish();
        reject(error);
      };
      const cancel = (error: Error): void => {
        this.#connection.cancel(id);
        fail(error);
      };
      const onAbort = (): void => cancel(new CallCancelledError(options.what, this.#plugin));
      const timer = setTimeout(() => cancel(new CallTimeoutError(options.what, this.#plugin, timeoutMs)), timeoutMs);
      options.signal?.addEventListener('abort', onAbort, { once: true });
      this.#inFlight.add(fail);
      if (options.token !== undefined && options.onProgress !== undefined) this.#progress.set(options.token, options.onProgress);
      if (options.token !== undefined && options.onItem !== undefined) this.#items.set(options.token, options.onItem);
      const id = this.#connection.send(method, params, (error, value) => {
        if (error !== undefined) return fail(fromWireError(error, hostError));
        finish();
        resolve(value as T);
      });
    });
  }

  /** Routes a progress report from the child. */
  progress(token: string, update: ToolProgress): void {
    this.#progress.get(token)?.(update);
  }

  /** Routes a stream item from the child. */
  item(token: string, item: JsonValue): void {
    this.#items.get(token)?.(item);
  }

  /** Rejects every call in flight with `error`, and every later call too. */
  failAll(error: Error): void {
    this.#failure ??= error;
    for (const fail of [...this.#inFlight]) fail(error);
  }
}
