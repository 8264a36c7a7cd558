import type { ChatRequest, ResponseFormat } from '../chat.js';
import type { ChatTool, ContentPart, Message, ToolCall, ToolChoice } from '../messages.js';
import type { WireChatBody, WireContentPart, WireMessage, WireResponseFormat, WireTool, WireToolCall, WireToolChoice } from './wire-types.js';

/** A {@link ToolCall} on the wire. */
export function toolCallToWire(call: ToolCall): WireToolCall {
  return { id: call.id, type: 'function', function: { name: call.name, arguments: call.arguments } };
}

/** A content part on the wire. */
function partToWire(part: ContentPart): WireContentPart {
  if (part.type === 'text') return { type: 'text', text: part.text };
  return { type: 'image_url', image_url: { url: part.url, ...(part.detail !== undefined ? { detail: part.detail } : {}) } };
}

/** A {@link Message} on the wire. */
export function messageToWire(message: Message): WireMessage {
  switch (message.role) {
    case 'system':
    case 'developer':
      return { role: message.role, content: message.content };
    case 'user':
      return { role: 'user', content: typeof message.content === 'string' ? message.content : message.content.map(partToWire) };
    case 'assistant':
      return {
        role: 'assistant',
        content: message.content,
        ...(message.toolCalls !== undefined && message.toolCalls.length > 0 ? { tool_calls: message.toolCalls.map(toolCallToWire) } : {}),
      };
    case 'tool':
      return { role: 'tool', tool_call_id: message.toolCallId, content: message.content };
  }
}

/** A {@link ChatTool} on the wire. */
function toolToWire(tool: ChatTool): WireTool {
  return {
    type: 'function',
    function: {
      name: tool.name,
      ...(tool.description !== undefined ? { description: tool.description } : {}),
      parameters: tool.parameters,
      ...(tool.strict !== undefined ? { strict: tool.strict } : {}),
    },
  };
}

/** `toolChoice` on the wire. */
function toolChoiceToWire(choice: ToolChoice): WireToolChoice {
  return typeof choice === 'string' ? choice : { type: 'function', function: { name: choice.name } };
}

/** `responseFormat` on the wire. */
function responseFormatToWire(format: ResponseFormat): WireResponseFormat {
  if (format.type !== 'json_schema') return format;
  return {
    type: 'json_schema',
    json_schema: { name: format.name, schema: format.schema, ...(format.strict !== undefined ? { strict: format.strict } : {}) },
  };
}

/**
 * A {@link ChatRequest} as the body of OpenAI's `POST /chat/completions` (without `stream`). `extra` fields are
 * merged last, so a provider-specific field can override a mapped one.
 */
export function chatRequestToWire(request: ChatRequest): WireChatBody {
  const r = request;
  return {
    model: r.model,
    messages: r.messages.map(messageToWire),
    ...(r.tools !== undefined && r.tools.length > 0 ? { tools: r.tools.map(toolToWire) } : {}),
    ...(r.toolChoice !== undefined ? { tool_choice: toolChoiceToWire(r.toolChoice) } : {}),
    ...(r.parallelToolCalls !== undefined ? { parallel_tool_calls: r.parallelToolCalls } : {}),
    ...(r.responseFormat !== undefined ? { response_format: responseFormatToWire(r.responseFormat) } : {}),
    ...(r.maxTokens !== undefined ? { max_tokens: r.maxTokens } : {}),
    ...(r.temperature !== undefined ? { temperature: r.temperature } : {}),
    ...(r.topP !== undefined ? { top_p: r.topP } : {}),
    ...(r.stop !== undefined ? { stop: [...r.stop] } : {}),
    ...(r.seed !== undefined ? { seed: r.seed } : {}),
    ...(r.extra ?? {}),
  };
}
