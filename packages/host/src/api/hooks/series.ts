import { isThenable } from '../timing/thenable.js';
import { handleFailure, type FailurePolicy } from './failure-policy.js';
import type { HookEntry } from './hook-entry.js';
import { invokeHandler } from './invoke.js';

/**
 * Series: runs the handlers one after the other, each after the previous one finished; results are ignored.
 * Stays synchronous while the handlers do (no promise is created for them), and switches to awaiting at the first
 * handler that returns a promise.
 */
export function runSeries(hook: string, entries: readonly HookEntry[], payload: unknown, policy: FailurePolicy): Promise<void> {
  for (let i = 0; i < entries.length; i++) {
    let result: unknown;
    try {
      result = invokeHandler(hook, entries[i] as HookEntry, payload);
    } catch (error) {
      try {
        handleFailure(policy, error);
      } catch (thrown) {
        return Promise.reject(thrown);
      }
      continue;
    }
    if (isThenable(result)) return continueSeries(hook, entries, i, result, payload, policy);
  }
  return Promise.resolve();
}

/** The asynchronous rest of a series, from the handler at `index` whose promise is `pending`. */
async function continueSeries(
  hook: string,
  entries: readonly HookEntry[],
  index: number,
  pending: PromiseLike<unknown>,
  payload: unknown,
  policy: FailurePolicy,
): Promise<void> {
  try {
    await pending;
  } catch (error) {
    handleFailure(policy, error);
  }
  for (let i = index + 1; i < entries.length; i++) {
    try {
      await invokeHandler(hook, entries[i] as HookEntry, payload);
    } catch (error) {
      handleFailure(policy, error);
    }
  }
}
