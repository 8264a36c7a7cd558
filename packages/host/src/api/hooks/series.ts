import type { HookFailedError } from '@berth/sdk';
import { isThenable } from '../timing/thenable.js';
import type { FailurePolicy } from './failure-policy.js';
import type { HookEntry } from './hook-entry.js';
import { callHandler, settleWithin } from './invoke.js';

/**
 * Series: runs the handlers one after the other, each after the previous one finished; results are ignored.
 * Synchronous handlers cost no promise; an async one costs one `then` and one deadline, chained by callback
 * rather than by `await` so a dispatch makes one promise in all.
 */
export function runSeries(hook: string, entries: readonly HookEntry[], payload: unknown, policy: FailurePolicy): Promise<void> {
  let wait: { resolve: () => void; reject: (error: unknown) => void } | undefined;
  let outcome: { error: unknown } | undefined;
  const finish = (error?: unknown): void => {
    if (wait === undefined) outcome = { error };
    else if (error === undefined) wait.resolve();
    else wait.reject(error);
  };
  /** Runs handlers from `index` on; returns after the last, or when one is pending (it resumes the chain). */
  const step = (index: number): void => {
    for (let i = index; i < entries.length; i++) {
      const entry = entries[i] as HookEntry;
      let result: unknown;
      try {
        result = callHandler(hook, entry, payload);
      } catch (error) {
        if (!failOpen(policy, error)) return finish(error);
        continue;
      }
      if (isThenable(result)) {
        settleWithin(hook, entry, result, (error: HookFailedError | undefined) => {
          if (error !== undefined && !failOpen(policy, error)) return finish(error);
          step(i + 1);
        });
        return;
      }
    }
    finish();
  };
  step(0);
  if (outcome !== undefined) return outcome.error === undefined ? Promise.resolve() : Promise.reject(outcome.error);
  return new Promise((resolve, reject) => (wait = { resolve, reject }));
}

/** True when the policy lets the failure through (reporting it); false when it must stop the dispatch. */
function failOpen(policy: FailurePolicy, error: unknown): boolean {
  if (policy.mode === 'closed') return false;
  policy.report(error as HookFailedError);
  return true;
}
