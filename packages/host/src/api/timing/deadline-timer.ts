/** A pending deadline; `cancel()` it once the work finished in time. */
export interface Deadline {
  /** Forgets the deadline (its callback will not run). Idempotent. */
  cancel(): void;
}

/** One pending deadline: its own handle and a node of the timer's list (no hashing, no extra allocation). */
class PendingDeadline implements Deadline {
  prev: PendingDeadline | undefined;
  next: PendingDeadline | undefined;
  linked = true;

  constructor(
    readonly owner: DeadlineTimer,
    readonly at: number,
    readonly onExpire: () => void,
  ) {}

  cancel(): void {
    if (this.linked) this.owner.forget(this);
  }
}

/**
 * Many deadlines on one timer. Starting a `setTimeout` per hook handler or tool call costs more than the call
 * itself; here adding a deadline is a list append, cancelling an unlink, and one timer is armed for the earliest
 * deadline. The timer stays armed after the work it watched finished (re-arming per call would cost a
 * `setTimeout` each); when it fires it finds nothing due and re-arms for the next deadline, if any.
 */
export class DeadlineTimer {
  #head: PendingDeadline | undefined;
  #tail: PendingDeadline | undefined;
  #timer: NodeJS.Timeout | undefined;
  #armedAt = Number.POSITIVE_INFINITY;

  /** Runs `onExpire` once `ms` milliseconds have passed, unless cancelled first. */
  add(ms: number, onExpire: () => void): Deadline {
    const entry = new PendingDeadline(this, Date.now() + ms, onExpire);
    entry.prev = this.#tail;
    if (this.#tail === undefined) this.#head = entry;
    else this.#tail.next = entry;
    this.#tail = entry;
    if (entry.at < this.#armedAt) this.#arm(entry.at);
    return entry;
  }

  /** Unlinks a deadline (what `Deadline.cancel()` calls). */
  forget(entry: Deadline): void {
    const node = entry as PendingDeadline;
    if (!node.linked) return;
    node.linked = false;
    if (node.prev === undefined) this.#head = node.next;
    else node.prev.next = node.next;
    if (node.next === undefined) this.#tail = node.prev;
    else node.next.prev = node.prev;
    node.prev = node.next = undefined;
  }

  #arm(at: number): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#armedAt = at;
    this.#timer = setTimeout(() => this.#fire(), Math.max(0, at - Date.now()));
    // Unref'd: the armed timer must not keep the process alive after the work it watched finished. Work that is
    // still pending (a socket, a child process) keeps the process alive by itself.
    this.#timer.unref();
  }

  #fire(): void {
    this.#timer = undefined;
    this.#armedAt = Number.POSITIVE_INFINITY;
    const now = Date.now();
    const due: PendingDeadline[] = [];
    let next = Number.POSITIVE_INFINITY;
    for (let node = this.#head; node !== undefined; node = node.next) {
      if (node.at <= now) due.push(node);
      else if (node.at < next) next = node.at;
    }
    for (const node of due) this.forget(node);
    if (next !== Number.POSITIVE_INFINITY) this.#arm(next);
    for (const node of due) node.onExpire();
  }
}

/** The process-wide timer shared by hooks and registries. */
export const deadlines = new DeadlineTimer();
