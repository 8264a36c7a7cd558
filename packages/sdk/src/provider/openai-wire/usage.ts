import type { Usage } from '../chat.js';
import type { WireUsage } from './wire-types.js';

/** `usage` on the wire → {@link Usage}. */
export function usageFromWire(usage: WireUsage): Usage {
  const cached = usage.prompt_tokens_details?.cached_tokens;
  return {
    promptTokens: usage.prompt_tokens,
    completionTokens: usage.completion_tokens,
    totalTokens: usage.total_tokens,
    ...(typeof cached === 'number' ? { cachedTokens: cached } : {}),
  };
}

/** {@link Usage} → `usage` on the wire. */
export function usageToWire(usage: Usage): WireUsage {
  return {
    prompt_tokens: usage.promptTokens,
    completion_tokens: usage.completionTokens,
    total_tokens: usage.totalTokens,
    ...(usage.cachedTokens !== undefined ? { prompt_tokens_details: { cached_tokens: usage.cachedTokens } } : {}),
  };
}
