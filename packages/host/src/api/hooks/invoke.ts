import { CallTimeoutError, HookFailedError } from '@berth/sdk';
import { deadlines } from '../timing/deadline-timer.js';
import { isThenable } from '../timing/thenable.js';
import type { HookEntry } from './hook-entry.js';

/**
 * Calls one handler under its time limit. Every failure — a throw, a rejection, a time-out — comes out as a
 * {@link HookFailedError} naming the hook and the handler's plugin. A handler that answers synchronously costs no
 * timer at all.
 */
export function invokeHandler(hook: string, entry: HookEntry, payload: unknown): unknown {
  const result = callHandler(hook, entry, payload);
  return isThenable(result) ? new Promise((resolve, reject) => settleWithin(hook, entry, result, (error, value) => (error === undefined ? resolve(value) : reject(error)))) : result;
}

/** Calls the handler; a synchronous throw comes out as a {@link HookFailedError}. */
export function callHandler(hook: string, entry: HookEntry, payload: unknown): unknown {
  try {
    return (entry.handler as (p: unknown) => unknown)(payload);
  } catch (error) {
    throw new HookFailedError(hook, entry.plugin, error);
  }
}

/**
 * Calls `done` once: with the value when `pending` settles in time, or with a {@link HookFailedError} when it
 * rejects or the handler's time limit passes first (a late settlement is ignored). Callback-style, so a dispatch
 * can chain handlers without a promise per handler.
 */
export function settleWithin(
  hook: string,
  entry: HookEntry,
  pending: PromiseLike<unknown>,
  done: (error: HookFailedError | undefined, value?: unknown) => void,
): void {
  let settled = false;
  const deadline = deadlines.add(entry.timeoutMs, () => {
    settled = true;
    done(new HookFailedError(hook, entry.plugin, new CallTimeoutError(`the '${hook}' handler`, entry.plugin, entry.timeoutMs)));
  });
  pending.then(
    (value) => {
      if (settled) return;
      settled = true;
      deadline.cancel();
      done(undefined, value);
    },
    (error: unknown) => {
      if (settled) return;
      settled = true;
      deadline.cancel();
      done(new HookFailedError(hook, entry.plugin, error));
    },
  );
}
