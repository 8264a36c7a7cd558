import { BerthError, CallCancelledError, CallTimeoutError, type JsonObject, type JsonValue, type ToolProgress } from '@berth/sdk';
import type { RpcConnection } from '../rpc/connection.js';
import { HostToChild } from '../rpc/protocol.js';
import { fromWireError } from '../rpc/wire-error.js';
import { deadlines } from '../api/timing/deadline-timer.js';
import { CallSlots, DEFAULT_MAX_CONCURRENT_CALLS } from './call-slots.js';

const hostError = (code: string, message: string, details: JsonObject): Error => new BerthError(code, message, details);

/** Options of one call into the child. */
export interface ChildCallOptions {
  /** What is called, for errors (e.g. `tool 'echo'`). */
  readonly what: string;
  /** Cancels the call (`$/cancelRequest`); the promise rejects at once with `CallCancelledError`. */
  readonly signal?: AbortSignal;
  /** Registers a stop listener instead of `signal` (the registry's stop hook): cancels like the signal's abort. */
  readonly onStop?: (listener: (error: Error) => void) => void;
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
 * death — when the child dies, every call in flight rejects at once with the crash error. Calls of the plugin's
 * handlers (`handler/invoke`, `handler/stream`) run concurrently up to the plugin's limit; the rest wait their turn
 * (their time limit and cancellation already apply while they wait).
 */
export class ChildCalls {
  readonly #connection: RpcConnection;
  readonly #plugin: string;
  readonly #defaultTimeoutMs: number;
  readonly #inFlight = new Set<(error: Error) => void>();
  readonly #progress = new Map<string, (update: ToolProgress) => void>();
  readonly #items = new Map<string, (item: JsonValue) => void>();
  readonly #slots: CallSlots;
  #failure: Error | undefined;
  #tokens = 0;

  /**
   * @param connection - the channel
   * @param plugin - the plugin's name, for errors
   * @param defaultTimeoutMs - the per-call time limit when a call names none
   * @param maxConcurrentCalls - the most handler calls running in the child at once
   */
  constructor(connection: RpcConnection, plugin: string, defaultTimeoutMs: number, maxConcurrentCalls = DEFAULT_MAX_CONCURRENT_CALLS) {
    this.#connection = connection;
    this.#plugin = plugin;
    this.#defaultTimeoutMs = defaultTimeoutMs;
    this.#slots = new CallSlots(maxConcurrentCalls);
  }

  /** Handler calls running in the child now, and waiting for a slot. */
  get load(): { readonly running: number; readonly waiting: number } {
    return { running: this.#slots.running, waiting: this.#slots.waiting };
  }

  /** A fresh token for progress or stream items. */
  token(): string {
    return `h${++this.#tokens}`;
  }

  /** Sends a request and settles as described on the class. */
  request<T>(method: string, params: object, options: ChildCallOptions): Promise<T> {
    if (this.#failure !== undefined) return Promise.reject(this.#failure);
    if (options.signal?.aborted === true) return Promise.reject(new CallCancelledError(options.what, this.#plugin));
    const limited = method === HostToChild.invoke || method === HostToChild.stream;
    return new Promise<T>((resolve, reject) => {
      const timeoutMs = options.timeoutMs ?? this.#defaultTimeoutMs;
      let id: number | undefined;
      let withdraw = (): void => undefined;
      let done = false;
      const finish = (): void => {
        if (done) return;
        done = true;
        deadline.cancel();
        if (limited) {
          if (id !== undefined) this.#slots.leave();
          else withdraw();
        }
        options.signal?.removeEventListener('abort', onAbort);
        this.#inFlight.delete(fail);
        if (options.token !== undefined) {
          this.#progress.delete(options.token);
          this.#items.delete(options.token);
        }
      };
      const fail = (error: Error): void => {
        if (done) return;
        finish();
        reject(error);
      };
      const cancel = (error: Error): void => {
        if (done) return;
        if (id !== undefined) this.#connection.cancel(id);
        fail(error);
      };
      const onAbort = (): void => cancel(new CallCancelledError(options.what, this.#plugin));
      // One shared coarse clock, not a timer per call: arming and clearing a timer cost more than a short call.
      const deadline = deadlines.add(timeoutMs, () => cancel(new CallTimeoutError(options.what, this.#plugin, timeoutMs)));
      options.signal?.addEventListener('abort', onAbort, { once: true });
      options.onStop?.(onAbort);
      this.#inFlight.add(fail);
      if (options.token !== undefined && options.onProgress !== undefined) this.#progress.set(options.token, options.onProgress);
      if (options.token !== undefined && options.onItem !== undefined) this.#items.set(options.token, options.onItem);
      const send = (): void => {
        id = this.#connection.send(method, params, (error, value) => {
          if (error !== undefined) return fail(fromWireError(error, hostError));
          if (done) return;
          finish();
          resolve(value as T);
        });
      };
      if (limited) withdraw = this.#slots.enter(send);
      else send();
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
