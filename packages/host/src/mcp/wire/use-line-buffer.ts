import { JsonRpcLineBuffer } from './line-buffer.js';

/** The part of the SDK's stdio transports (client and server) that holds their read buffer. */
interface HoldsReadBuffer {
  _readBuffer?: unknown;
}

/**
 * Puts a {@link JsonRpcLineBuffer} in place of the read buffer of one of the MCP SDK's stdio transports (before it
 * starts). Where an SDK release no longer keeps its buffer there, the transport is left as it is: only the cost
 * differs, never what is read.
 */
export function useLineBuffer<T extends object>(transport: T, maxBufferSize?: number): T {
  const holder = transport as T & HoldsReadBuffer;
  const current = holder._readBuffer;
  if (typeof current === 'object' && current !== null && 'readMessage' in current && 'append' in current) {
    holder._readBuffer = new JsonRpcLineBuffer(maxBufferSize !== undefined ? { maxBufferSize } : {});
  }
  return transport;
}
