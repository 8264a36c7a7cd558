import type { ChatResponse, FinishReason, Usage } from './chat.js';
import type { AssistantMessage, ToolCall } from './messages.js';
import type { StreamPart, ToolCallDeltaPart } from './stream.js';

/** A tool call being reassembled from its fragments. */
interface PendingCall {
  id: string;
  name: string;
  arguments: string;
}

/** What a stream has said so far. */
interface Collected {
  id: string;
  model: string;
  created?: number;
  text: string;
  reasoning: string;
  calls: Map<number, PendingCall>;
  usage?: Usage;
  finishReason: FinishReason;
}

/** Appends one tool-call fragment to the call at its index. */
function addToolCallDelta(calls: Map<number, PendingCall>, part: ToolCallDeltaPart): void {
  const call = calls.get(part.index) ?? { id: '', name: '', arguments: '' };
  if (part.id !== undefined && part.id !== '') call.id = part.id;
  if (part.name !== undefined) call.name += part.name;
  call.arguments += part.argumentsDelta;
  calls.set(part.index, call);
}

/** Folds one part into what was collected. */
function addPart(state: Collected, part: StreamPart): void {
  switch (part.type) {
    case 'start':
      state.id = part.id;
      state.model = part.model;
      if (part.created !== undefined) state.created = part.created;
      return;
    case 'text-delta':
      state.text += part.text;
      return;
    case 'reasoning-delta':
      state.reasoning += part.text;
      return;
    case 'tool-call-delta':
      addToolCallDelta(state.calls, part);
      return;
    case 'usage':
      state.usage = part.usage;
      return;
    case 'finish':
      state.finishReason = part.reason;
      return;
  }
}

/** The assistant message a collected stream amounts to. */
function toMessage(state: Collected): AssistantMessage {
  const toolCalls: ToolCall[] = [...state.calls.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, call]) => ({ id: call.id, name: call.name, arguments: call.arguments }));
  return {
    role: 'assistant',
    content: state.text !== '' || toolCalls.length === 0 ? state.text : null,
    ...(toolCalls.length > 0 ? { toolCalls } : {}),
    ...(state.reasoning !== '' ? { reasoning: state.reasoning } : {}),
  };
}

/**
 * Reassembles a stream of parts into the {@link ChatResponse} the non-streamed call would have given: text deltas
 * concatenated, tool-call fragments joined by index, the last usage and finish reason kept.
 *
 * @param parts - the stream, e.g. `provider.stream(request)`
 * @param fallback - the id and model to report when the stream has no `start` part
 */
export async function collectStream(
  parts: AsyncIterable<StreamPart> | Iterable<StreamPart>,
  fallback: { readonly id?: string; readonly model?: string } = {},
): Promise<ChatResponse> {
  const state: Collected = {
    id: fallback.id ?? '',
    model: fallback.model ?? '',
    text: '',
    reasoning: '',
    calls: new Map(),
    finishReason: 'stop',
  };
  for await (const part of parts) addPart(state, part);
  return {
    id: state.id,
    model: state.model,
    ...(state.created !== undefined ? { created: state.created } : {}),
    message: toMessage(state),
    finishReason: state.finishReason,
    ...(state.usage !== undefined ? { usage: state.usage } : {}),
  };
}
