/** Options of {@link RateLimit}. */
export interface RateLimitOptions {
  /** Events allowed per window. */
  readonly max: number;
  /** The window (ms). */
  readonly windowMs: number;
  /** Told once per window when events start being dropped. */
  readonly onDrop?: (dropped: number) => void;
}

/** A fixed-window counter: a plugin flooding its log (or the host with messages) is cut off, not the host. */
export class RateLimit {
  readonly #options: RateLimitOptions;
  #windowStart = 0;
  #count = 0;

  /** @param options - limit, window and drop listener */
  constructor(options: RateLimitOptions) {
    this.#options = options;
  }

  /** True when one more event is allowed now. */
  take(): boolean {
    const now = Date.now();
    if (now - this.#windowStart >= this.#options.windowMs) {
      this.#windowStart = now;
      this.#count = 0;
    }
    this.#count++;
    if (this.#count === this.#options.max + 1) this.#options.onDrop?.(this.#count);
    return this.#count <= this.#options.max;
  }
}
