import { isThenable } from '../api/timing/thenable.js';

/**
 * Counts the calls running on one generation of a plugin (tool handlers, hook handlers, listeners, provider
 * methods the host calls), so a reload can let them finish before it stops the old generation, and cancel those
 * that outlive the drain limit. Wrapping costs one counter update per call; no promise is created for a handler
 * that answers synchronously.
 */
export class CallTracker {
  #running = 0;
  readonly #waiting = new Set<() => void>();
  readonly #pending = new Map<(error: Error) => void, string>();

  /** How many calls are running now. */
  get running(): number {
    return this.#running;
  }

  /**
   * `fn`, counted: while its result is pending the call counts as running. `cancelAll` rejects the pending ones
   * with its error (the wrapped call's own result is then ignored). `what` names the call in that error.
   */
  wrap<A extends unknown[], R>(fn: (...args: A) => R, what: string): (...args: A) => R {
    const tracker = this;
    return function tracked(this: unknown, ...args: A): R {
      tracker.#running++;
      let result: R;
      try {
        result = fn.apply(this, args);
      } catch (error) {
        tracker.#done();
        throw error;
      }
      if (!isThenable(result)) {
        tracker.#done();
        return result;
      }
      return tracker.#follow(result, what) as R;
    };
  }

  /** `iterable`, counted from the first `next()` until it ends, fails or is closed. */
  wrapIterable<T>(iterable: AsyncIterable<T>): AsyncIterable<T> {
    const tracker = this;
    return {
      async *[Symbol.asyncIterator](): AsyncGenerator<T> {
        tracker.#running++;
        try {
          yield* iterable;
        } finally {
          tracker.#done();
        }
      },
    };
  }

  /** Resolves `true` once no call is running, or `false` when `limitMs` passes first. */
  idle(limitMs: number): Promise<boolean> {
    if (this.#running === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.#waiting.delete(done);
        resolve(true);
      };
      const timer = setTimeout(() => {
        this.#waiting.delete(done);
        resolve(false);
      }, limitMs);
      this.#waiting.add(done);
    });
  }

  /** Rejects every pending (promise-returning) call with the error `errorFor(what)` builds; returns how many. */
  cancelAll(errorFor: (what: string) => Error): number {
    const pending = [...this.#pending];
    for (const [reject, what] of pending) reject(errorFor(what));
    return pending.length;
  }

  #follow(result: PromiseLike<unknown>, what: string): Promise<unknown> {
    return new Promise((resolve, reject) => {
      let settled = false;
      const settle = (): boolean => {
        if (settled) return false;
        settled = true;
        this.#pending.delete(cancel);
        this.#done();
        return true;
      };
      const cancel = (error: Error): void => {
        if (settle()) reject(error);
      };
      this.#pending.set(cancel, what);
      result.then(
        (value) => {
          if (settle()) resolve(value);
        },
        (error: unknown) => {
          if (settle()) reject(error);
        },
      );
    });
  }

  #done(): void {
    this.#running--;
    if (this.#running > 0) return;
    for (const wake of [...this.#waiting]) wake();
  }
}
