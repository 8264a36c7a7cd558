import type { ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { chatRequestFromWire, chatResponseToWire, streamPartToWire } from '@berth/sdk';
import type { ChatRequest, ChunkEnvelope, StreamPart, WireChatBody } from '@berth/sdk';
import { sendJson } from './models-route.js';
import { toOpenAiError } from './openai-error.js';
import type { ProviderSource } from './provider-source.js';
import { endEvents, startEvents, writeEvent } from './sse.js';
import { passWireChunks } from './wire-pass-through.js';

/** The request without its model (the source routes by the `<plugin>/<model>` id). */
function withoutModel(request: ChatRequest): Omit<ChatRequest, 'model'> {
  const { model: _model, ...rest } = request;
  return rest;
}

/** `POST /v1/chat/completions` without `stream`: one JSON answer, reporting the model id the client asked for. */
export async function answerChat(source: ProviderSource, res: ServerResponse, body: WireChatBody, modelId: string, signal: AbortSignal): Promise<void> {
  const response = await source.chat(modelId, withoutModel(chatRequestFromWire(body, modelId)), { signal });
  sendJson(res, 200, chatResponseToWire(response, body.model));
}

/** The envelope of every chunk, from the stream's `start` part when it has one. */
function envelopeOf(part: StreamPart | undefined, model: string): ChunkEnvelope {
  const id = part?.type === 'start' && part.id !== '' ? part.id : `chatcmpl-${randomUUID()}`;
  const created = part?.type === 'start' && part.created !== undefined ? part.created : Math.floor(Date.now() / 1000);
  return { id, created, model };
}

/** Writes one part as a chunk; usage only when the client asked for it. */
function writePart(res: ServerResponse, part: StreamPart, envelope: ChunkEnvelope, includeUsage: boolean): void {
  if (part.type === 'usage' && !includeUsage) return;
  const chunk = streamPartToWire(part, envelope);
  if (chunk !== undefined) writeEvent(res, chunk);
}

/**
 * `POST /v1/chat/completions` with `stream: true`: OpenAI chunks as server-sent events, the usage chunk only when
 * the client asked (`stream_options.include_usage`), `data: [DONE]` last. The first part is awaited before the
 * answer starts, so a refused request still gets a proper HTTP error; a later failure is sent as an error event.
 * A provider that speaks the wire format itself (`streamWire`) has its chunks passed through, unless hooks need
 * the typed parts (the source then answers undefined).
 */
export async function streamChat(source: ProviderSource, res: ServerResponse, body: WireChatBody, modelId: string, signal: AbortSignal): Promise<void> {
  const request = withoutModel(chatRequestFromWire(body, modelId));
  const includeUsage = body.stream_options?.include_usage === true;
  const wire = await source.streamWire?.(modelId, request, { signal, includeUsage });
  if (wire !== undefined) return passWireChunks(res, wire, body.model);
  const iterator = source.stream(modelId, request, { signal })[Symbol.asyncIterator]();
  const first = await iterator.next();
  const envelope = envelopeOf(first.done === true ? undefined : first.value, body.model);
  startEvents(res);
  if (first.done !== true && first.value.type !== 'start') writeEvent(res, streamPartToWire({ type: 'start', id: envelope.id, model: envelope.model }, envelope));
  let usage: StreamPart | undefined;
  let finished = false;
  try {
    for (let next = first; next.done !== true; next = await iterator.next()) {
      const part = next.value;
      // OpenAI order: the finish chunk, then the usage chunk (the contract puts usage before finish).
      if (part.type === 'usage' && !finished) {
        usage = part;
        continue;
      }
      finished ||= part.type === 'finish';
      writePart(res, part, envelope, includeUsage);
      if (part.type === 'finish' && usage !== undefined) writePart(res, usage, envelope, includeUsage);
    }
  } catch (error) {
    if (!res.destroyed) writeEvent(res, toOpenAiError(error).body);
  }
  if (!res.destroyed) endEvents(res);
}
