import type { ChatResponse } from '../chat.js';
import type { AssistantMessage } from '../messages.js';
import { finishReasonFromWire } from './finish-reason.js';
import { usageFromWire } from './usage.js';
import type { WireCompletion } from './wire-types.js';

/** The first choice's message; `content: ""` beside tool calls (llama.cpp) becomes `null`. */
function messageOf(choice: WireCompletion['choices'][number] | undefined): AssistantMessage {
  const calls = choice?.message.tool_calls ?? [];
  const content = choice?.message.content ?? null;
  const reasoning = choice?.message.reasoning_content;
  return {
    role: 'assistant',
    content: calls.length > 0 && content === '' ? null : content,
    ...(calls.length > 0 ? { toolCalls: calls.map((c) => ({ id: c.id, name: c.function.name, arguments: c.function.arguments })) } : {}),
    ...(typeof reasoning === 'string' && reasoning !== '' ? { reasoning } : {}),
  };
}

/** An OpenAI chat completion as a {@link ChatResponse} (its first choice). */
export function chatResponseFromWire(completion: WireCompletion): ChatResponse {
  const choice = completion.choices[0];
  return {
    id: completion.id,
    model: completion.model,
    ...(typeof completion.created === 'number' ? { created: completion.created } : {}),
    message: messageOf(choice),
    finishReason: finishReasonFromWire(choice?.finish_reason),
    ...(completion.usage !== undefined && completion.usage !== null ? { usage: usageFromWire(completion.usage) } : {}),
  };
}
