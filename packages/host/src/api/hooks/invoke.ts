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
  let result: unknown;
  try {
    result = (entry.handler as (p: unknown) => unknown)(payload);
  } catch (error) {
    throw new HookFailedError(hook, entry.plugin, error);
  }
  return isThenable(result) ? withinLimit(hook, entry, result) : result;
}

/** Settles with `pending`, or rejects once the handler's time limit passes. */
function withinLimit(hook: string, entry: HookEntry, pending: PromiseLike<unknown>): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const deadline = deadlines.add(entry.timeoutMs, () =>
      reject(new HookFailedError(hook, entry.plugin, new CallTimeoutError(`the '${hook}' handler`, entry.plugin, entry.timeoutMs))),
    );
    pending.then(
      (value) => {
        deadline.cancel();
        resolve(value);
      },
      (error: unknown) => {
        deadline.cancel();
        reject(new HookFailedError(hook, entry.plugin, error));
      },
    );
  });
}
