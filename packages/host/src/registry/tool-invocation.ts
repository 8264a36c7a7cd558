import { CallCancelledError, CallTimeoutError, ToolFailedError, type ToolCallContext, type ToolCallOptions, type ToolHandler, type ToolProgress } from '@berth/sdk';
import { deadlines, type Deadline } from '../api/timing/deadline-timer.js';
import { isThenable } from '../api/timing/thenable.js';

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
 * Runs a handler under a time limit and the caller's signal. The handler's own `signal` aborts on either (it is
 * created only if the handler reads it). Outcomes: the handler's value; `CallTimeoutError`; `CallCancelledError`;
 * `ToolFailedError` wrapping what the handler threw.
 */
export function invokeTool(call: Invocation, args: unknown, options: ToolCallOptions, timeoutMs: number): Promise<unknown> {
  const what = `tool '${call.id}'`;
  if (options.signal?.aborted === true) return Promise.reject(new CallCancelledError(what, call.plugin));
  let controller: AbortController | undefined;
  let settled = false;
  const context: ToolCallContext = {
    get signal(): AbortSignal {
      controller ??= new AbortController();
      return controller.signal;
    },
    progress(update: ToolProgress): void {
      if (!settled) reportProgress(options, update);
    },
  };
  let result: unknown;
  try {
    result = (call.handler as (a: unknown, c: ToolCallContext) => unknown)(args, context);
  } catch (error) {
    settled = true;
    return Promise.reject(new ToolFailedError(call.id, call.plugin, error));
  }
  if (!isThenable(result)) {
    settled = true;
    return Promise.resolve(result);
  }
  return new Promise((resolve, reject) => {
    let deadline: Deadline | undefined;
    const finish = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      deadline?.cancel();
      options.signal?.removeEventListener('abort', onAbort);
      outcome();
    };
    const stop = (error: Error): void => finish(() => (controller?.abort(error), reject(error)));
    const onAbort = (): void => stop(new CallCancelledError(what, call.plugin));
    deadline = deadlines.add(timeoutMs, () => stop(new CallTimeoutError(what, call.plugin, timeoutMs)));
    options.signal?.addEventListener('abort', onAbort, { once: true });
    (result as PromiseLike<unknown>).then(
      (value) => finish(() => resolve(value)),
      (error: unknown) => finish(() => reject(new ToolFailedError(call.id, call.plugin, error))),
    );
  });
}

/** Passes progress to the caller; a failing progress listener never breaks the call. */
function reportProgress(options: ToolCallOptions, update: ToolProgress): void {
  try {
    options.onProgress?.(update);
  } catch {
    // The caller's listener failed; the call goes on.
  }
}
