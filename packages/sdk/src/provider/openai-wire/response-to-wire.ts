import type { ChatResponse } from '../chat.js';
import { toolCallToWire } from './request-to-wire.js';
import { usageToWire } from './usage.js';
import type { WireCompletion } from './wire-types.js';

/** A {@link ChatResponse} as an OpenAI chat completion, reporting `model` (e.g. the `<plugin>/<model>` id). */
export function chatResponseToWire(response: ChatResponse, model: string = response.model): WireCompletion {
  const m = response.message;
  return {
    id: response.id,
    object: 'chat.completion',
    created: response.created ?? Math.floor(Date.now() / 1000),
    model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: m.content,
          ...(m.toolCalls !== undefined && m.toolCalls.length > 0 ? { tool_calls: m.toolCalls.map(toolCallToWire) } : {}),
          ...(m.reasoning !== undefined ? { reasoning_content: m.reasoning } : {}),
        },
        finish_reason: response.finishReason,
        logprobs: null,
      },
    ],
    ...(response.usage !== undefined ? { usage: usageToWire(response.usage) } : {}),
  };
}
