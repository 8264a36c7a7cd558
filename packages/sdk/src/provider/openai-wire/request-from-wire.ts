import type { JsonObject, JsonSchema } from '../../json.js';
import type { ChatRequest, ResponseFormat } from '../chat.js';
import type { ChatTool, ContentPart, Message, ToolChoice } from '../messages.js';
import type { WireChatBody, WireContentPart, WireMessage, WireResponseFormat, WireTool, WireToolChoice } from './wire-types.js';

/** Body fields {@link chatRequestFromWire} maps; the others go to `extra`. */
const MAPPED = new Set([
  'model', 'messages', 'tools', 'tool_choice', 'parallel_tool_calls', 'response_format', 'max_tokens',
  'max_completion_tokens', 'temperature', 'top_p', 'stop', 'seed', 'stream', 'stream_options',
]);

/** Text content, whether a string or text parts. */
function textOf(content: string | null | undefined | { type: 'text'; text: string }[]): string {
  if (content === null || content === undefined) return '';
  return typeof content === 'string' ? content : content.map((p) => p.text).join('');
}

/** A content part from the wire. */
function partFromWire(part: WireContentPart): ContentPart {
  if (part.type === 'text') return { type: 'text', text: part.text };
  const detail = part.image_url.detail;
  return { type: 'image', url: part.image_url.url, ...(detail !== undefined ? { detail } : {}) };
}

/** A message from the wire. */
export function messageFromWire(message: WireMessage): Message {
  switch (message.role) {
    case 'system':
    case 'developer':
      return { role: message.role, content: textOf(message.content) };
    case 'user':
      return { role: 'user', content: typeof message.content === 'string' ? message.content : message.content.map(partFromWire) };
    case 'assistant': {
      const calls = message.tool_calls ?? [];
      const content = message.content === undefined || message.content === null ? null : textOf(message.content);
      return {
        role: 'assistant',
        content: calls.length > 0 && content === '' ? null : content,
        ...(calls.length > 0 ? { toolCalls: calls.map((c) => ({ id: c.id, name: c.function.name, arguments: c.function.arguments })) } : {}),
      };
    }
    case 'tool':
      return { role: 'tool', toolCallId: message.tool_call_id, content: textOf(message.content) };
  }
}

/** A tool from the wire. */
function toolFromWire(tool: WireTool): ChatTool {
  const f = tool.function;
  return {
    name: f.name,
    ...(f.description !== undefined ? { description: f.description } : {}),
    parameters: f.parameters ?? ({ type: 'object', properties: {} } satisfies JsonSchema),
    ...(f.strict !== undefined && f.strict !== null ? { strict: f.strict } : {}),
  };
}

/** `tool_choice` from the wire. */
function toolChoiceFromWire(choice: WireToolChoice): ToolChoice {
  return typeof choice === 'string' ? choice : { name: choice.function.name };
}

/** `response_format` from the wire. */
function responseFormatFromWire(format: WireResponseFormat): ResponseFormat {
  if (format.type !== 'json_schema') return { type: format.type };
  const s = format.json_schema;
  return { type: 'json_schema', name: s.name, schema: s.schema ?? {}, ...(s.strict !== undefined && s.strict !== null ? { strict: s.strict } : {}) };
}

/** The unmapped body fields, kept for the provider. */
function extraOf(body: WireChatBody): JsonObject | undefined {
  const entries = Object.entries(body).filter(([key, value]) => !MAPPED.has(key) && value !== undefined);
  return entries.length > 0 ? (Object.fromEntries(entries) as JsonObject) : undefined;
}

/**
 * The body of an OpenAI `POST /chat/completions` as a {@link ChatRequest} for `model` (the bare model id, after
 * the endpoint removed the plugin prefix). Unmapped fields are kept in `extra`. Validate the body's shape first.
 */
export function chatRequestFromWire(body: WireChatBody, model: string = body.model): ChatRequest {
  const maxTokens = body.max_completion_tokens ?? body.max_tokens;
  const extra = extraOf(body);
  return {
    model,
    messages: body.messages.map(messageFromWire),
    ...(body.tools !== undefined && body.tools.length > 0 ? { tools: body.tools.map(toolFromWire) } : {}),
    ...(body.tool_choice !== undefined ? { toolChoice: toolChoiceFromWire(body.tool_choice) } : {}),
    ...(body.parallel_tool_calls !== undefined ? { parallelToolCalls: body.parallel_tool_calls } : {}),
    ...(body.response_format !== undefined ? { responseFormat: responseFormatFromWire(body.response_format) } : {}),
    ...(maxTokens !== undefined && maxTokens !== null ? { maxTokens } : {}),
    ...(body.temperature !== undefined && body.temperature !== null ? { temperature: body.temperature } : {}),
    ...(body.top_p !== undefined && body.top_p !== null ? { topP: body.top_p } : {}),
    ...(body.stop !== undefined && body.stop !== null ? { stop: typeof body.stop === 'string' ? [body.stop] : body.stop } : {}),
    ...(body.seed !== undefined && body.seed !== null ? { seed: body.seed } : {}),
    ...(extra !== undefined ? { extra } : {}),
  };
}
