import { STDIO_DEFAULT_MAX_BUFFER_SIZE } from '@modelcontextprotocol/client';
import type { JSONRPCMessage } from '@modelcontextprotocol/client';
import { checkJsonRpcMessage } from './message-check.js';

/**
 * The read side of an MCP stdio connection: newline-delimited JSON-RPC, as the SDK's own `ReadBuffer` reads it
 * (same size limit, same handling of non-JSON lines, same schema), without its per-chunk copy and its union parse.
 * The SDK's transports keep their buffer in `_readBuffer` and call only these three methods, so Berth's stdio
 * transports (the client toward an `mcp` plugin's server, the server of `berth serve --stdio`) put this one there.
 *
 * Differences that are not behaviour: a chunk is kept as it came and scanned for a newline once (the SDK copies the
 * whole buffer on every chunk), and a message is checked against the one JSON-RPC schema its shape names (the SDK
 * tries the request, notification, result and error schemas in turn and builds an error for each miss).
 */
export class JsonRpcLineBuffer {
  readonly #maxBufferSize: number;
  #chunks: Buffer[] = [];
  #size = 0;
  /** Offset in the first chunk where the unread part starts. */
  #start = 0;

  /** @param options - `maxBufferSize`: the most bytes a single unfinished line may hold (default 10 MiB, as the SDK) */
  constructor(options: { readonly maxBufferSize?: number } = {}) {
    this.#maxBufferSize = options.maxBufferSize ?? STDIO_DEFAULT_MAX_BUFFER_SIZE;
  }

  /** Adds a chunk read from the stream; throws (and forgets what it held) past the size limit, as the SDK does. */
  append(chunk: Buffer): void {
    if (this.#size - this.#start + chunk.length > this.#maxBufferSize) {
      this.clear();
      throw new Error(`ReadBuffer exceeded maximum size of ${this.#maxBufferSize} bytes`);
    }
    this.#chunks.push(chunk);
    this.#size += chunk.length;
  }

  /**
   * The next complete message, or `null` when no full line is buffered. A line that is not JSON is skipped (servers
   * print banners to stdout); JSON that is not a JSON-RPC message throws the SDK's schema error.
   */
  readMessage(): JSONRPCMessage | null {
    for (;;) {
      const line = this.#nextLine();
      if (line === null) return null;
      let value: unknown;
      try {
        value = JSON.parse(line.endsWith('\r') ? line.slice(0, -1) : line);
      } catch (error) {
        if (error instanceof SyntaxError) continue;
        throw error;
      }
      return checkJsonRpcMessage(value);
    }
  }

  /** Forgets everything buffered. */
  clear(): void {
    this.#chunks = [];
    this.#size = 0;
    this.#start = 0;
  }

  /** The next line without its newline, or `null`; the common case (one chunk holding whole lines) copies nothing. */
  #nextLine(): string | null {
    const first = this.#chunks[0];
    if (first === undefined) return null;
    const end = first.indexOf(0x0a, this.#start);
    if (end !== -1) {
      const line = first.toString('utf8', this.#start, end);
      this.#start = end + 1;
      if (this.#start === first.length) this.#dropFirst();
      return line;
    }
    if (this.#chunks.length === 1) return null;
    // A line across chunks: join what is unread, then read from the joined buffer.
    const joined = Buffer.concat([first.subarray(this.#start), ...this.#chunks.slice(1)]);
    const newline = joined.indexOf(0x0a);
    if (newline === -1) {
      this.#chunks = [joined];
      this.#size = joined.length;
      this.#start = 0;
      return null;
    }
    this.#chunks = newline + 1 < joined.length ? [joined.subarray(newline + 1)] : [];
    this.#size = joined.length - newline - 1;
    this.#start = 0;
    return joined.toString('utf8', 0, newline);
  }

  #dropFirst(): void {
    const first = this.#chunks.shift();
    this.#size -= first?.length ?? 0;
    this.#start = 0;
  }
}
