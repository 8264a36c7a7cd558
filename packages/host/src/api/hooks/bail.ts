import { handleFailure, type FailurePolicy } from './failure-policy.js';
import type { HookEntry } from './hook-entry.js';
import { invokeHandler } from './invoke.js';

/** The first answer of a bail dispatch and whose handler gave it. */
export interface BailAnswer<R> {
  /** The answer. */
  readonly value: R;
  /** The plugin whose handler answered. */
  readonly plugin: string;
}

/**
 * Bail: runs the handlers one after the other until one gives an answer (by default: anything but `undefined`);
 * that answer (and its plugin) is returned and the rest do not run. `undefined` when nobody answered.
 */
export async function runBail<R>(
  hook: string,
  entries: readonly HookEntry[],
  payload: unknown,
  policy: FailurePolicy,
  isAnswer: (value: unknown) => boolean = (value) => value !== undefined,
): Promise<BailAnswer<R> | undefined> {
  for (const entry of entries) {
    try {
      const value = await invokeHandler(hook, entry, payload);
      if (isAnswer(value)) return { value: value as R, plugin: entry.plugin };
    } catch (error) {
      handleFailure(policy, error);
    }
  }
  return undefined;
}
