/**
 * The cancellation of one request a handler serves: `$/cancelRequest` (or the channel closing) cancels it. The
 * `AbortSignal` is made only when a handler asks for it, so a request that never looks costs no controller.
 */
export class CancelToken {
  #controller: AbortController | undefined;
  #cancelled = false;

  /** True once the request was cancelled. */
  get isCancellationRequested(): boolean {
    return this.#cancelled;
  }

  /** An `AbortSignal` that aborts when the request is cancelled. */
  get signal(): AbortSignal {
    if (this.#controller === undefined) {
      this.#controller = new AbortController();
      if (this.#cancelled) this.#controller.abort();
    }
    return this.#controller.signal;
  }

  /** Cancels the request (once). */
  cancel(): void {
    if (this.#cancelled) return;
    this.#cancelled = true;
    this.#controller?.abort();
  }
}
