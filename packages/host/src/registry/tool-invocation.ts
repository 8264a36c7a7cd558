import { CallCancelledError, CallTimeoutError, ToolFailedError, type ToolCallContext, type ToolCallOptions, type ToolHandler, type ToolProgress, type ToolResult } from '@berth/sdk';
import { deadlines, type Deadline } from '../api/timing/deadline-timer.js';
import { isThenable } from '../api/timing/thenable.js';
import { asToolResult } from './tool-result.js';

/** What is being called: the tool's published id, its plugin and its handler. */
export interface Invocation {
  /** The published id. */
  readonly id: string;
  /** The owning plugin. */
  readonly plugin: string;
  /** The handler. */
  readonly handler: ToolHandler;
}

/**
 * The host's own handlers' view of a call's context (a sandboxed tool's proxy): `whenStopped` runs one listener
 * when the call is stopped (its time limit, its caller's cancel) — what reading `signal` and listening to it
 * gives, without an `AbortController` and an event listener per call.
 */
export interface StoppableToolContext extends ToolCallContext {
  /** Registers the one listener run when the call is stopped (a later registration replaces it). */
  whenStopped(listener: (error: Error) => void): void;
}

/** The context's stop hook, when it has one (the registry's own contexts do). */
export function stopHookOf(context: ToolCallContext): StoppableToolContext['whenStopped'] | undefined {
  const hook = (context as Partial<StoppableToolContext>).whenStopped;
  return typeof hook === 'function' ? hook.bind(context) : undefined;
}

/**
 * One running call: the handler's context (its `signal` is created only if the handler reads it), the time limit
 * and the caller's signal. A class rather than closures: one allocation per call on the hot path.
 */
class ToolRun implements StoppableToolContext {
  #controller: AbortController | undefined;
  #settled = false;
  #deadline: Deadline | undefined;
  #resolve: ((value: ToolResult) => void) | undefined;
  #onAbort: (() => void) | undefined;
  #onStop: ((error: Error) => void) | undefined;
  #reject: ((error: unknown) => void) | undefined;

  constructor(
    readonly call: Invocation,
    readonly options: ToolCallOptions,
    readonly timeoutMs: number,
  ) {}

  get signal(): AbortSignal {
    this.#controller ??= new AbortController();
    return this.#controller.signal;
  }

  /** See {@link StoppableToolContext.whenStopped}. */
  whenStopped(listener: (error: Error) => void): void {
    this.#onStop = listener;
  }

  /** True when the caller listens to progress (see `ToolCallContext.progressWanted`). */
  get progressWanted(): boolean {
    return this.options.onProgress !== undefined;
  }

  /** Reports progress; a property, not a method, so handlers may destructure it (`{ progress }`). */
  readonly progress = (update: ToolProgress): void => {
    if (this.#settled) return;
    try {
      this.options.onProgress?.(update);
    } catch {
      // The caller's progress listener failed; the call goes on.
    }
  };

  /** Runs the handler; see {@link invokeTool}. */
  start(args: unknown): Promise<ToolResult> {
    const { call, options } = this;
    if (options.signal?.aborted === true) return Promise.reject(new CallCancelledError(`tool '${call.id}'`, call.plugin));
    let result: unknown;
    try {
      result = (call.handler as (a: unknown, c: ToolCallContext) => unknown)(args, this);
    } catch (error) {
      this.#settled = true;
      return Promise.reject(new ToolFailedError(call.id, call.plugin, error));
    }
    if (!isThenable(result)) {
      this.#settled = true;
      return Promise.resolve(asToolResult(result));
    }
    const pending = new Promise<ToolResult>((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
    this.#deadline = deadlines.add(this.timeoutMs, () => this.#stop(new CallTimeoutError(`tool '${call.id}'`, call.plugin, this.timeoutMs)));
    if (options.signal !== undefined) {
      this.#onAbort = () => this.#stop(new CallCancelledError(`tool '${call.id}'`, call.plugin));
      options.signal.addEventListener('abort', this.#onAbort, { once: true });
    }
    result.then(
      (value) => this.#finish(undefined, value),
      (error: unknown) => this.#finish(new ToolFailedError(call.id, call.plugin, error)),
    );
    return pending;
  }

  #stop(error: Error): void {
    if (this.#settled) return;
    this.#controller?.abort(error);
    this.#onStop?.(error);
    this.#finish(error);
  }

  #finish(error: Error | undefined, value?: unknown): void {
    if (this.#settled) return;
    this.#settled = true;
    this.#deadline?.cancel();
    if (this.#onAbort !== undefined) this.options.signal?.removeEventListener('abort', this.#onAbort);
    if (error === undefined) this.#resolve?.(asToolResult(value));
    else this.#reject?.(error);
  }
}

/**
 * Runs a handler under a time limit and the caller's signal. The handler's own `signal` aborts on either.
 * Outcomes: the handler's value as a `ToolResult` (see `asToolResult`); `CallTimeoutError`; `CallCancelledError`; `ToolFailedError` wrapping what the
 * handler threw.
 */
export function invokeTool(call: Invocation, args: unknown, options: ToolCallOptions, timeoutMs: number): Promise<ToolResult> {
  return new ToolRun(call, options, timeoutMs).start(args);
}
