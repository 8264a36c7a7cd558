/** Collects bytes up to a cap; keeps counting past it so the result can say it was cut. */
export class CappedBuffer {
  readonly #chunks: Buffer[] = [];
  #kept = 0;
  #seen = 0;

  /** @param cap - the most bytes kept */
  constructor(readonly cap: number) {}

  /** Adds a chunk (the part past the cap is dropped). */
  push(chunk: Buffer): void {
    this.#seen += chunk.length;
    const room = this.cap - this.#kept;
    if (room <= 0) return;
    const part = chunk.length > room ? chunk.subarray(0, room) : chunk;
    this.#chunks.push(part);
    this.#kept += part.length;
  }

  /** True when bytes were dropped. */
  get truncated(): boolean {
    return this.#seen > this.#kept;
  }

  /** The kept bytes. */
  bytes(): Buffer {
    return Buffer.concat(this.#chunks);
  }
}
