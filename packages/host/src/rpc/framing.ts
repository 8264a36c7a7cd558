import type { Readable, Writable } from 'node:stream';
import { parseUntrustedJsonReporting } from './safe-json.js';

/** One decoded message: a JSON object (not yet checked to be a request, a response or a notification). */
export type RpcMessage = Record<string, unknown>;

/** Something to stop. */
export interface Disposable {
  /** Stops it. */
  dispose(): void;
}

/** What the reader tells besides messages. */
export interface ReaderEvents {
  /** The stream closed (or ended). */
  readonly onClose?: () => void;
  /** The stream failed. */
  readonly onError?: (error: Error) => void;
}

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
 * Reads newline-delimited JSON-RPC messages from a stream. A message longer than the limit is refused as soon as
 * the limit is passed (it is never buffered whole); keys that could pollute prototypes are dropped while parsing.
 * Every whole message of a chunk is delivered at once, in order (no event-loop turn per message).
 */
export class NdjsonMessageReader {
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
    this.#readable = readable;
    this.#max = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
    this.#onRefused = options.onRefused ?? (() => undefined);
  }

  /** Starts delivering messages to `callback`; `events` hears of the stream closing or failing. */
  listen(callback: (message: RpcMessage) => void, events: ReaderEvents = {}): Disposable {
    const onData = (chunk: Buffer): void => this.#onData(chunk, callback);
    const onError = (error: Error): void => events.onError?.(error);
    let closed = false;
    const onClose = (): void => {
      if (closed) return;
      closed = true;
      events.onClose?.();
    };
    this.#readable.on('data', onData).on('error', onError).on('close', onClose).on('end', onClose);
    return {
      dispose: () => {
        this.#readable.off('data', onData).off('error', onError).off('close', onClose).off('end', onClose);
      },
    };
  }

  #onData(chunk: Buffer, callback: (message: RpcMessage) => void): void {
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

  #deliver(line: Buffer, callback: (message: RpcMessage) => void): void {
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
    callback(message as RpcMessage);
  }
}

/**
 * Writes JSON-RPC messages as newline-delimited JSON. Messages written in one turn of the event loop (including
 * its promise jobs) leave in one `write`: a burst of answers costs one system call, not one per message.
 */
export class NdjsonMessageWriter {
  readonly #writable: Writable;
  #queued = '';
  #scheduled = false;
  readonly #flush = (): void => {
    this.#scheduled = false;
    const text = this.#queued;
    this.#queued = '';
    if (text.length === 0 || this.#writable.destroyed || !this.#writable.writable) return;
    this.#writable.write(text);
  };

  /** @param writable - the channel's writable side */
  constructor(writable: Writable) {
    this.#writable = writable;
    // A write error closes the channel; the reader's close reports it.
    writable.on('error', () => undefined);
  }

  /** Queues one message (serialised now, so later changes to it do not travel). */
  write(message: object): void {
    if (this.#writable.destroyed || !this.#writable.writable) return;
    this.#queued += `${JSON.stringify(message)}\n`;
    if (!this.#scheduled) {
      this.#scheduled = true;
      process.nextTick(this.#flush);
    }
  }
}
