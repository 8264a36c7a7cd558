import type { ServerResponse } from 'node:http';

/**
 * Starts a server-sent-events answer. With `flush` false the headers leave with the first event written in the
 * same turn (one packet, one read for the client) instead of on their own.
 */
export function startEvents(res: ServerResponse, flush = true): void {
  // Each event is small and should leave at once: no Nagle batching.
  res.socket?.setNoDelay(true);
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' });
  if (flush) res.flushHeaders();
}

/** Writes one `data:` event. */
export function writeEvent(res: ServerResponse, data: unknown): void {
  res.write(`data: ${JSON.stringify(data)}\n\n`);
}

/** Ends the stream the way OpenAI does: `data: [DONE]`. */
export function endEvents(res: ServerResponse): void {
  res.end('data: [DONE]\n\n');
}
