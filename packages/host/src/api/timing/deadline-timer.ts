/** A pending deadline; `cancel()` it once the work finished in time. */
export interface Deadline {
  /** Forgets the deadline (its callback will not run). */
  cancel(): void;
}

interface Pending {
  readonly at: number;
  readonly onExpire: () => void;
}

/**
 * Many deadlines on one timer. Starting a `setTimeout` per hook handler or tool call costs more than the call
 * itself; here adding a deadline is a `Set` insert, and one timer is armed for the earliest one.
 */
export class DeadlineTimer {
  readonly #pending = new Set<Pending>();
  #timer: NodeJS.Timeout | undefined;
  #armedAt = Number.POSITIVE_INFINITY;

  /** Runs `onExpire` once `ms` milliseconds have passed, unless cancelled first. */
  add(ms: number, onExpire: () => void): Deadline {
    const entry: Pending = { at: Date.now() + ms, onExpire };
    this.#pending.add(entry);
    if (entry.at < this.#armedAt) this.#arm(entry.at);
    return { cancel: () => this.#cancel(entry) };
  }

  #cancel(entry: Pending): void {
    this.#pending.delete(entry);
    if (this.#pending.size === 0) this.#disarm();
  }

  #arm(at: number): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#armedAt = at;
    this.#timer = setTimeout(() => this.#fire(), Math.max(0, at - Date.now()));
  }

  #disarm(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#armedAt = Number.POSITIVE_INFINITY;
  }

  #fire(): void {
    this.#timer = undefined;
    this.#armedAt = Number.POSITIVE_INFINITY;
    const now = Date.now();
    let next = Number.POSITIVE_INFINITY;
    for (const entry of this.#pending) {
      if (entry.at <= now) {
        this.#pending.delete(entry);
        entry.onExpire();
      } else if (entry.at < next) next = entry.at;
    }
    if (next !== Number.POSITIVE_INFINITY && next < this.#armedAt) this.#arm(next);
  }
}

/** The process-wide timer shared by hooks and registries. */
export const deadlines = new DeadlineTimer();
