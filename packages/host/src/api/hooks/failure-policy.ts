import type { HookFailedError } from '@berth/sdk';

/**
 * What a dispatcher does when a handler fails. `closed`: the failure stops the dispatch and is thrown (guards and
 * transformers: a broken guard must not let a call through). `open`: the failure is reported and the remaining
 * handlers still run (observers: a broken observer must not break anything else).
 */
export interface FailurePolicy {
  /** `open` or `closed`. */
  readonly mode: 'open' | 'closed';
  /** Reports a failure that was let through (open mode). */
  report(error: HookFailedError): void;
}

/** Applies the policy to one failure: rethrows when closed, reports when open. */
export function handleFailure(policy: FailurePolicy, error: unknown): void {
  if (policy.mode === 'closed') throw error;
  policy.report(error as HookFailedError);
}
