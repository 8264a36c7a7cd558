import type { Readable, Writable } from 'node:stream';
import rpc from 'vscode-jsonrpc/node';
import type { DataCallback, Disposable, Message } from 'vscode-jsonrpc/node';
import { parseUntrustedJsonReporting } from './safe-json.js';

/** The default limit on one message: 16 MiB. */
export const DEFAULT_MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

/** Why a reader refused what it received. */
export interface RefusedFrame {
  /**
   * `oversized` (the connection is then unusable), `malformed` (that one line was dropped) or `sanitized`
   * (`__proto__`/`constructor`/`prototype` keys were dropped; the rest was delivered).
   */
  readonly kind: 'oversized' | 'malformed' | 'sanitized';
  /** A short description (the size, or the parse error). */
  readonly problem: string;
}

/** Options of {@link NdjsonMessageReader}. */
export interface NdjsonReaderOptions {
  /** Largest message accepted, in bytes (default {@link DEFAULT_MAX_MESSAGE_BYTES}). */
  readonly maxMessageBytes?: number;
  /** Told about every refused frame. After an `oversized` one the reader stops reading. */
  readonly onRefused?: (frame: RefusedFrame) => void;
}

const NEWLINE = 0x0a;

/**
 * Reads newline-delimited JSON-RPC messages from a stream for `vscode-jsonrpc`. A message longer than the limit
 * is refused as soon as the limit is passed (it is never buffered whole); keys that could pollute prototypes are
 * dropped while parsing.
 */
export class NdjsonMessageReader extends rpc.AbstractMessageReader {
  readonly #readable: Readable;
  readonly #max: number;
  readonly #onRefused: (frame: RefusedFrame) => void;
  #chunks: Buffer[] = [];
  #pending = 0;
  #stopped = false;

  /**
   * @param readable - the channel's readable side
   * @param options - size limit and refusal listener
   */
  constructor(readable: Readable, options: NdjsonReaderOptions = {}) {
    super();
    this.#readable = readable;
    this.#max = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
    this.#onRefused = options.onRefused ?? (() => undefined);
  }

  /** Starts delivering messages to `callback`. */
  listen(callback: DataCallback): Disposable {
    const onData = (chunk: Buffer): void => this.#onData(chunk, callback);
    const onError = (error: Error): void => this.fireError(error);
    const onClose = (): void => this.fireClose();
    this.#readable.on('data', onData).on('error', onError).on('close', onClose);
    return {
      dispose: () => {
        this.#readable.off('data', onData).off('error', onError).off('close', onClose);
      },
    };
  }

  #onData(chunk: Buffer, callback: DataCallback): void {
    let start = 0;
    while (!this.#stopped) {
      const end = chunk.indexOf(NEWLINE, start);
      if (end === -1) {
        this.#keep(chunk.subarray(start));
        return;
      }
      const piece = chunk.subarray(start, end);
      if (this.#pending + piece.length > this.#max) return this.#oversize(this.#pending + piece.length);
      const line = this.#chunks.length === 0 ? piece : Buffer.concat([...this.#chunks, piece]);
      this.#chunks = [];
      this.#pending = 0;
      this.#deliver(line, callback);
      start = end + 1;
    }
  }

  #keep(rest: Buffer): void {
    if (rest.length === 0) return;
    if (this.#pending + rest.length > this.#max) return this.#oversize(this.#pending + rest.length);
    this.#chunks.push(Buffer.from(rest));
    this.#pending += rest.length;
  }

  #oversize(bytes: number): void {
    this.#stopped = true;
    this.#chunks = [];
    this.#pending = 0;
    this.#readable.pause();
    this.#onRefused({ kind: 'oversized', problem: `a message of more than ${bytes} bytes (limit ${this.#max})` });
  }

  #deliver(line: Buffer, callback: DataCallback): void {
    if (line.length === 0) return;
    let message: unknown;
    try {
      const parsed = parseUntrustedJsonReporting(line.toString('utf8'));
      message = parsed.value;
      if (parsed.dropped) this.#onRefused({ kind: 'sanitized', problem: 'dropped __proto__/constructor/prototype keys' });
    } catch (error) {
      this.#onRefused({ kind: 'malformed', problem: `not JSON (${(error as Error).message.slice(0, 200)})` });
      return;
    }
    if (typeof message !== 'object' || message === null || Array.isArray(message)) {
      this.#onRefused({ kind: 'malformed', problem: 'not a JSON-RPC message object' });
      return;
    }
    callback(message as Message);
  }
}

/** Writes JSON-RPC messages as newline-delimited JSON (one `write` per message). */
export class NdjsonMessageWriter extends rpc.AbstractMessageWriter {
  readonly #writable: Writable;

  /** @param writable - the channel's writable side */
  constructor(writable: Writable) {
    super();
    this.#writable = writable;
    writable.on('error', (error: Error) => this.fireError(error));
    writable.on('close', () => this.fireClose());
  }

  /** Sends one message. */
  async write(message: Message): Promise<void> {
    if (this.#writable.destroyed || !this.#writable.writable) return;
    this.#writable.write(`${JSON.stringify(message)}\n`);
  }

  /** Nothing to flush. */
  end(): void {}
}
