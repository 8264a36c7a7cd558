import { Writable } from 'node:stream';

/** Collects up to `cap` bytes of a stream; counts the rest and says it was truncated. */
export class CappedText {
  readonly #chunks: Buffer[] = [];
  #kept = 0;
  #total = 0;

  /** @param cap - the most bytes kept */
  constructor(readonly cap: number) {}

  /** Adds a chunk, keeping what fits under the cap. */
  push(chunk: Buffer | string): void {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    this.#total += buffer.length;
    const room = this.cap - this.#kept;
    if (room <= 0) return;
    const kept = buffer.length <= room ? buffer : buffer.subarray(0, room);
    this.#chunks.push(kept);
    this.#kept += kept.length;
  }

  /** A writable that feeds {@link CappedText.push}. */
  writable(): Writable {
    return new Writable({
      write: (chunk: Buffer, _encoding, done) => {
        this.push(chunk);
        done();
      },
    });
  }

  /** True when bytes were dropped. */
  get truncated(): boolean {
    return this.#total > this.#kept;
  }

  /** How many bytes arrived in all. */
  get totalBytes(): number {
    return this.#total;
  }

  /** The kept bytes as UTF-8 text. */
  text(): string {
    return Buffer.concat(this.#chunks).toString('utf8');
  }
}

/** Caps a buffer already in hand. */
export function capBuffer(buffer: Buffer, cap: number): { text: string; truncated: boolean; totalBytes: number } {
  const capped = new CappedText(cap);
  capped.push(buffer);
  return { text: capped.text(), truncated: capped.truncated, totalBytes: capped.totalBytes };
}
