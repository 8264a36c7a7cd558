import type { StreamPart } from '../stream.js';
import { usageToWire } from './usage.js';
import type { WireChunk } from './wire-types.js';

/** What every chunk of one completion repeats. */
export interface ChunkEnvelope {
  /** The completion's id. */
  readonly id: string;
  /** Unix seconds. */
  readonly created: number;
  /** The model to report (e.g. the `<plugin>/<model>` id). */
  readonly model: string;
}

/** A chunk with one choice holding `delta` and `finishReason`. */
function chunkOf(envelope: ChunkEnvelope, delta: WireChunk['choices'][number]['delta'], finishReason: string | null = null): WireChunk {
  return {
    id: envelope.id,
    object: 'chat.completion.chunk',
    created: envelope.created,
    model: envelope.model,
    choices: [{ index: 0, delta, finish_reason: finishReason, logprobs: null }],
  };
}

/**
 * One {@link StreamPart} as an OpenAI chunk, or `undefined` when it has none of its own (`start` becomes the
 * opening `role: assistant` chunk). `usage` becomes the final chunk with empty `choices`, as OpenAI sends it.
 */
export function streamPartToWire(part: StreamPart, envelope: ChunkEnvelope): WireChunk | undefined {
  switch (part.type) {
    case 'start':
      return chunkOf(envelope, { role: 'assistant', content: null });
    case 'text-delta':
      return chunkOf(envelope, { content: part.text });
    case 'reasoning-delta':
      return chunkOf(envelope, { reasoning_content: part.text });
    case 'tool-call-delta':
      return chunkOf(envelope, {
        tool_calls: [
          {
            index: part.index,
            ...(part.id !== undefined ? { id: part.id, type: 'function' as const } : {}),
            function: { ...(part.name !== undefined ? { name: part.name } : {}), arguments: part.argumentsDelta },
          },
        ],
      });
    case 'finish':
      return chunkOf(envelope, {}, part.reason);
    case 'usage':
      return { id: envelope.id, object: 'chat.completion.chunk', created: envelope.created, model: envelope.model, choices: [], usage: usageToWire(part.usage) };
  }
}
