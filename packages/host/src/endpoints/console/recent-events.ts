import type { ControlEvent } from '../../control/types.js';

/** The health view's history: reloads and state changes into or out of failure, newest last. */
export class RecentEvents {
  readonly #events: ControlEvent[] = [];
  readonly #limit: number;

  /** @param limit - how many are kept (default 100) */
  constructor(limit = 100) {
    this.#limit = limit;
  }

  /** Keeps `event` when the health view shows it (reloads, failures, crash loops, recoveries). */
  offer(event: ControlEvent): void {
    const kept = event.type === 'plugin:reload' || (event.type === 'plugin:state' && (event.to === 'failed' || event.from === 'failed'));
    if (!kept) return;
    this.#events.push(event);
    if (this.#events.length > this.#limit) this.#events.shift();
  }

  /** The events kept, oldest first. */
  list(): ControlEvent[] {
    return [...this.#events];
  }
}
