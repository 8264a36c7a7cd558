import type { SandboxRecord } from './manager.js';

/** The longest a Node timer may wait; later deadlines are re-armed. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * One timer per sandbox, armed for the earlier of its lifetime's end and its idle deadline. When it fires and the
 * deadline really passed, the sandbox is destroyed — whether or not anybody calls again.
 */
export class Expiry {
  readonly #timers = new Map<string, NodeJS.Timeout>();

  /**
   * @param lookup - the current record of a sandbox
   * @param expire - destroys a sandbox whose deadline passed (`why`: `lifetime` or `idle`)
   */
  constructor(
    readonly lookup: (id: string) => SandboxRecord | undefined,
    readonly expire: (id: string, why: 'lifetime' | 'idle') => Promise<void>,
  ) {}

  /** The next deadline of a sandbox, and which. */
  static deadline(record: SandboxRecord): { at: number; why: 'lifetime' | 'idle' } {
    const idle = record.lastUsed.getTime() + record.limits.idle_timeout_seconds * 1000;
    const life = record.expires.getTime();
    return idle < life ? { at: idle, why: 'idle' } : { at: life, why: 'lifetime' };
  }

  /** (Re)arms the timer of a sandbox. */
  schedule(record: SandboxRecord): void {
    this.cancel(record.id);
    const { at } = Expiry.deadline(record);
    const timer = setTimeout(() => this.#fire(record.id), Math.min(Math.max(at - Date.now(), 0), MAX_TIMER_MS));
    timer.unref();
    this.#timers.set(record.id, timer);
  }

  #fire(id: string): void {
    this.#timers.delete(id);
    const record = this.lookup(id);
    if (record === undefined) return;
    const { at, why } = Expiry.deadline(record);
    if (at > Date.now() || (why === 'idle' && record.busy > 0)) {
      if (why === 'idle') record.lastUsed = new Date();
      return this.schedule(record);
    }
    void this.expire(id, why);
  }

  /** Disarms the timer of a sandbox. */
  cancel(id: string): void {
    clearTimeout(this.#timers.get(id));
    this.#timers.delete(id);
  }

  /** Disarms every timer. */
  stop(): void {
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
  }
}
