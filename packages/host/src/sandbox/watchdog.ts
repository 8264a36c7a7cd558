/** Options of {@link Watchdog}. */
export interface WatchdogOptions {
  /** How long without a heartbeat counts as a blocked event loop (ms). */
  readonly limitMs: number;
  /** How often to look (ms). */
  readonly checkMs: number;
  /** Called once when the limit passes. */
  readonly onStall: (silentMs: number) => void;
}

/** Kills nothing itself: notices a plugin whose event loop stopped sending heartbeats. */
export class Watchdog {
  readonly #options: WatchdogOptions;
  #last = Date.now();
  #timer: NodeJS.Timeout | undefined;

  /** @param options - limit, check interval and what to do */
  constructor(options: WatchdogOptions) {
    this.#options = options;
  }

  /** Starts watching (the clock starts now). */
  start(): void {
    this.#last = Date.now();
    this.#timer = setInterval(() => this.#check(), this.#options.checkMs);
    this.#timer.unref();
  }

  /** A heartbeat arrived. */
  beat(): void {
    this.#last = Date.now();
  }

  /** Stops watching. */
  stop(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  #check(): void {
    const silent = Date.now() - this.#last;
    if (silent > this.#options.limitMs) {
      this.stop();
      this.#options.onStall(silent);
    }
  }
}
