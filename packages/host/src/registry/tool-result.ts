import type { JsonObject, ToolResult } from '@berth/sdk';

/** True when `value` has the shape of a `ToolResult` (`content`: an array of typed parts). */
export function isToolResult(value: unknown): value is ToolResult {
  if (typeof value !== 'object' || value === null) return false;
  const content = (value as { content?: unknown }).content;
  if (!Array.isArray(content)) return false;
  for (const part of content as unknown[]) {
    if (typeof part !== 'object' || part === null || typeof (part as { type?: unknown }).type !== 'string') return false;
  }
  return true;
}

/**
 * What a handler returned, as a `ToolResult`: a result as it is; a string as text; a plain object as its JSON text
 * plus `structuredContent`; anything else (number, array, null, nothing) as its JSON text.
 */
export function asToolResult(value: unknown): ToolResult {
  if (isToolResult(value)) return value;
  if (typeof value === 'string') return { content: [{ type: 'text', text: value }] };
  const text = JSON.stringify(value) ?? '';
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    return { content: [{ type: 'text', text }], structuredContent: value as JsonObject };
  }
  return { content: [{ type: 'text', text }] };
}
