import type { Readable, Writable } from 'node:stream';
import { RpcConnection } from './connection.js';
import { NdjsonMessageReader, NdjsonMessageWriter, type RefusedFrame } from './framing.js';

/** Options of {@link openChannel}. */
export interface ChannelOptions {
  /** Largest message accepted, in bytes. */
  readonly maxMessageBytes?: number;
  /** Told about every refused frame (oversized or malformed). */
  readonly onRefused?: (frame: RefusedFrame) => void;
}

/**
 * Opens the JSON-RPC connection over a dedicated channel (a socket pair on fd 3). The same function runs on
 * both sides; register handlers, then call `listen()`.
 */
export function openChannel(readable: Readable, writable: Writable, options: ChannelOptions = {}): RpcConnection {
  const reader = new NdjsonMessageReader(readable, {
    ...(options.maxMessageBytes !== undefined ? { maxMessageBytes: options.maxMessageBytes } : {}),
    ...(options.onRefused !== undefined ? { onRefused: options.onRefused } : {}),
  });
  return new RpcConnection(reader, new NdjsonMessageWriter(writable));
}
