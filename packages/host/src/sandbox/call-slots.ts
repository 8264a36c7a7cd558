/** How many calls into one sandboxed plugin run at once when its configuration names no limit. */
export const DEFAULT_MAX_CONCURRENT_CALLS = 32;

/**
 * At most `limit` calls into one plugin at once; the others wait their turn, first come first served. A waiting
 * call that is cancelled (or times out) leaves the queue. One plugin's slots never hold back another plugin.
 */
export class CallSlots {
  readonly #limit: number;
  readonly #waiting: (() => void)[] = [];
  #running = 0;

  /** @param limit - the most calls at once (at least 1) */
  constructor(limit: number) {
    this.#limit = Math.max(1, Math.floor(limit));
  }

  /** Runs `start` now when a slot is free, else when one frees up. Returns a function that withdraws it if still waiting. */
  enter(start: () => void): () => void {
    if (this.#running < this.#limit) {
      this.#running++;
      start();
      return () => undefined;
    }
    const waiter = (): void => {
      this.#running++;
      start();
    };
    this.#waiting.push(waiter);
    return () => {
      const at = this.#waiting.indexOf(waiter);
      if (at !== -1) this.#waiting.splice(at, 1);
    };
  }

  /** Frees a slot (a call ended) and starts the next waiting call. */
  leave(): void {
    this.#running = Math.max(0, this.#running - 1);
    this.#waiting.shift()?.();
  }

  /** Calls running now. */
  get running(): number {
    return this.#running;
  }

  /** Calls waiting for a slot. */
  get waiting(): number {
    return this.#waiting.length;
  }
}
