/** A pending deadline; `cancel()` it once the work finished in time. */
export interface Deadline {
  /** Forgets the deadline (its callback will not run). Idempotent. */
  cancel(): void;
}

/** The clock's resolution: deadlines fire between their time and two ticks later, never early. */
const TICK_MS = 10;
/** Idle ticks (no deadline pending) before the clock stops. */
const IDLE_TICKS = 100;

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
 * Many deadlines on one coarse clock. A `setTimeout` per hook handler or tool call — or even a `Date.now()` per
 * call — costs more than the call itself; here adding a deadline is a list append with no clock read, cancelling
 * an unlink. While deadlines are in use, one unref'd interval ticks every {@link TICK_MS} ms, refreshes the clock
 * and expires what is due; it stops after a second without deadlines.
 */
export class DeadlineTimer {
  #head: PendingDeadline | undefined;
  #tail: PendingDeadline | undefined;
  #ticker: NodeJS.Timeout | undefined;
  #now = 0;
  #idle = 0;

  /** Runs `onExpire` once `ms` milliseconds have passed (up to two ticks later), unless cancelled first. */
  add(ms: number, onExpire: () => void): Deadline {
    if (this.#ticker === undefined) this.#start();
    // The clock may be up to a tick behind: add one so that a deadline never fires early.
    const entry = new PendingDeadline(this, this.#now + ms + TICK_MS, onExpire);
    entry.prev = this.#tail;
    if (this.#tail === undefined) this.#head = entry;
    else this.#tail.next = entry;
    this.#tail = entry;
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

  #start(): void {
    this.#now = Date.now();
    this.#idle = 0;
    this.#ticker = setInterval(() => this.#tick(), TICK_MS);
    // Unref'd: the clock must not keep the process alive. Work that is still pending (a socket, a child process)
    // keeps the process alive by itself.
    this.#ticker.unref();
  }

  #tick(): void {
    this.#now = Date.now();
    if (this.#head === undefined) {
      if (++this.#idle >= IDLE_TICKS) this.#stop();
      return;
    }
    this.#idle = 0;
    const due: PendingDeadline[] = [];
    for (let node: PendingDeadline | undefined = this.#head; node !== undefined; node = node.next) if (node.at <= this.#now) due.push(node);
    for (const node of due) this.forget(node);
    for (const node of due) node.onExpire();
  }

  #stop(): void {
    clearInterval(this.#ticker);
    this.#ticker = undefined;
  }
}

/** The process-wide timer shared by hooks and registries. */
export const deadlines = new DeadlineTimer();
