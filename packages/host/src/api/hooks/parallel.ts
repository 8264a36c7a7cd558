import { handleFailure, type FailurePolicy } from './failure-policy.js';
import type { HookEntry } from './hook-entry.js';
import { invokeHandler } from './invoke.js';

/**
 * Parallel: starts every handler at once and waits for all of them; results are ignored. With a closed policy
 * the first failure (in handler order) is thrown once all have settled.
 */
export async function runParallel(hook: string, entries: readonly HookEntry[], payload: unknown, policy: FailurePolicy): Promise<void> {
  const settled = await Promise.allSettled(entries.map(async (entry) => invokeHandler(hook, entry, payload)));
  for (const outcome of settled) {
    if (outcome.status === 'rejected') handleFailure(policy, outcome.reason);
  }
}
