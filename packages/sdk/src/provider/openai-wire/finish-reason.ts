import type { FinishReason } from '../chat.js';

const KNOWN: readonly string[] = ['stop', 'length', 'tool_calls', 'content_filter', 'error'];

/** A wire `finish_reason` → {@link FinishReason} (`function_call` → `tool_calls`; unknown or null → `stop`). */
export function finishReasonFromWire(reason: string | null | undefined): FinishReason {
  if (reason === 'function_call') return 'tool_calls';
  return reason !== null && reason !== undefined && KNOWN.includes(reason) ? (reason as FinishReason) : 'stop';
}
