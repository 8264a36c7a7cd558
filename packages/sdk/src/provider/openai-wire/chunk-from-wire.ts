import type { FinishReason } from '../chat.js';
import type { StreamPart } from '../stream.js';
import { finishReasonFromWire } from './finish-reason.js';
import { usageFromWire } from './usage.js';
import type { WireChunk } from './wire-types.js';

/** The parts one chunk carries (without `finish`: see {@link streamPartsFromWire}). */
function partsOfChunk(chunk: WireChunk): StreamPart[] {
  const parts: StreamPart[] = [];
  for (const choice of chunk.choices.filter((c) => c.index === 0)) {
    const delta = choice.delta;
    if (typeof delta.reasoning_content === 'string' && delta.reasoning_content !== '') {
      parts.push({ type: 'reasoning-delta', text: delta.reasoning_content });
    }
    if (typeof delta.content === 'string' && delta.content !== '') parts.push({ type: 'text-delta', text: delta.content });
    for (const call of delta.tool_calls ?? []) {
      parts.push({
        type: 'tool-call-delta',
        index: call.index,
        ...(call.id !== undefined && call.id !== null ? { id: call.id } : {}),
        ...(call.function?.name !== undefined && call.function.name !== null ? { name: call.function.name } : {}),
        argumentsDelta: call.function?.arguments ?? '',
      });
    }
  }
  if (chunk.usage !== undefined && chunk.usage !== null) parts.push({ type: 'usage', usage: usageFromWire(chunk.usage) });
  return parts;
}

/**
 * An OpenAI chunk stream as typed {@link StreamPart}s: a `start` part from the first chunk, the deltas, the usage
 * (which llama.cpp sends after the finish reason, with `stream_options.include_usage`), and one `finish` part last.
 */
export async function* streamPartsFromWire(chunks: AsyncIterable<WireChunk>): AsyncGenerator<StreamPart> {
  let started = false;
  let finish: FinishReason | undefined;
  for await (const chunk of chunks) {
    if (!started) {
      started = true;
      yield { type: 'start', id: chunk.id, model: chunk.model, ...(typeof chunk.created === 'number' ? { created: chunk.created } : {}) };
    }
    yield* partsOfChunk(chunk);
    const reason = chunk.choices.find((c) => c.index === 0)?.finish_reason;
    if (reason !== null && reason !== undefined) finish = finishReasonFromWire(reason);
  }
  yield { type: 'finish', reason: finish ?? 'stop' };
}
