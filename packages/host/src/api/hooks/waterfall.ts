import { handleFailure, type FailurePolicy } from './failure-policy.js';
import type { HookEntry } from './hook-entry.js';
import { invokeHandler } from './invoke.js';

/**
 * Waterfall: threads one value through the handlers. Each sees the payload with `field` set to the value so far
 * and may return a replacement (`undefined` keeps it). Returns the final value.
 */
export async function runWaterfall<V>(
  hook: string,
  entries: readonly HookEntry[],
  payload: Readonly<Record<string, unknown>>,
  field: string,
  policy: FailurePolicy,
): Promise<V> {
  let value = payload[field] as V;
  for (const entry of entries) {
    try {
      const next = await invokeHandler(hook, entry, { ...payload, [field]: value });
      if (next !== undefined) value = next as V;
    } catch (error) {
      handleFailure(policy, error);
    }
  }
  return value;
}
