import type { ServerResponse } from 'node:http';
import { ProviderServerError } from '@berth/sdk';
import type { WireChunkText } from '@berth/sdk';
import { withModelField } from './model-field.js';
import { toOpenAiError } from './openai-error.js';
import { endEvents, startEvents, writeEvent } from './sse.js';

/**
 * One chunk as it may leave: a string on one line (a chunk from a sandboxed provider is checked like any other: a
 * line break would let it write events of its own), with the model the client asked for.
 */
function chunkEvent(chunk: unknown, model: string): string {
  if (typeof chunk !== 'string' || chunk.includes('\n') || chunk.includes('\r')) {
    throw new ProviderServerError({ serverMessage: 'the provider sent a wire chunk that is not one line of JSON text' });
  }
  return `data: ${withModelField(chunk, model)}\n\n`;
}

/**
 * A streamed chat answered with the provider's own OpenAI chunks (`Provider.streamWire`), each written as it comes
 * with only its `model` field rewritten to the id the client asked for. The first chunk is awaited before the
 * answer starts, so a refused request still gets a proper HTTP error; a later failure is sent as an error event.
 */
export async function passWireChunks(res: ServerResponse, chunks: AsyncIterable<WireChunkText>, model: string): Promise<void> {
  const iterator = chunks[Symbol.asyncIterator]();
  const first = await iterator.next();
  const head = first.done === true ? undefined : chunkEvent(first.value, model);
  startEvents(res, head === undefined);
  try {
    if (head !== undefined) {
      res.write(head);
      for (let next = await iterator.next(); next.done !== true; next = await iterator.next()) res.write(chunkEvent(next.value, model));
    }
  } catch (error) {
    if (!res.destroyed) writeEvent(res, toOpenAiError(error).body);
    await iterator.return?.().catch(() => undefined);
  }
  if (!res.destroyed) endEvents(res);
}
