import { isThenable } from '../timing/thenable.js';

/** A service handed to one consumer, and the switch that cuts it off. */
export interface RevocableService<T> {
  /** What the consumer holds. */
  readonly proxy: T;
  /** Cuts it off: calls in flight reject with `unavailable()`, later calls too, at once. */
  revoke(): void;
}

/**
 * Wraps a service so that it can be cut off when its provider stops. Before: methods are called on the real
 * implementation (as methods of it, so `this` is the implementation). After: every method rejects at once with
 * the error `unavailable()` builds, and calls still waiting reject with it too — never a hang.
 */
export function revocable<T>(target: T, unavailable: () => Error): RevocableService<T> {
  let revoked = false;
  const waiting = new Set<(error: Error) => void>();
  const rejectLater = (): Promise<never> => Promise.reject(unavailable());

  const guard = (pending: PromiseLike<unknown>): Promise<unknown> =>
    new Promise((resolve, reject) => {
      waiting.add(reject);
      pending.then(
        (value) => (waiting.delete(reject), resolve(value)),
        (error: unknown) => (waiting.delete(reject), reject(error)),
      );
    });

  const proxy = new Proxy(target as object, {
    get(object, key) {
      if (revoked) return typeof key === 'symbol' ? undefined : rejectLater;
      const value: unknown = Reflect.get(object, key, object);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]): unknown => {
        if (revoked) return rejectLater();
        const result: unknown = (value as (...a: unknown[]) => unknown).apply(object, args);
        return isThenable(result) ? guard(result) : result;
      };
    },
    set: () => false,
    defineProperty: () => false,
    deleteProperty: () => false,
  }) as T;

  return {
    proxy,
    revoke(): void {
      revoked = true;
      for (const reject of waiting) reject(unavailable());
      waiting.clear();
    },
  };
}
