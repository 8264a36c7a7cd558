import type { JsonObject, JsonSchema } from '../../json.js';

/** A tool call on the wire (`tool_calls[i]`). */
export interface WireToolCall {
  /** The call's id. */
  id: string;
  /** Always `function` for Berth. */
  type: 'function';
  /** The function called. */
  function: { name: string; arguments: string };
}

/** A content part on the wire. */
export type WireContentPart =
  | { type: 'text'; text: string }
  | { type: 'image_url'; image_url: { url: string; detail?: 'auto' | 'low' | 'high' } };

/** A message on the wire (`messages[i]`). */
export type WireMessage =
  | { role: 'system' | 'developer'; content: string | { type: 'text'; text: string }[]; name?: string }
  | { role: 'user'; content: string | WireContentPart[]; name?: string }
  | { role: 'assistant'; content?: string | null | { type: 'text'; text: string }[]; tool_calls?: WireToolCall[]; reasoning_content?: string }
  | { role: 'tool'; content: string | { type: 'text'; text: string }[]; tool_call_id: string };

/** A tool on the wire (`tools[i]`). */
export interface WireTool {
  /** Always `function` for Berth. */
  type: 'function';
  /** The function. */
  function: { name: string; description?: string; parameters?: JsonSchema; strict?: boolean };
}

/** `tool_choice` on the wire. */
export type WireToolChoice = 'auto' | 'none' | 'required' | { type: 'function'; function: { name: string } };

/** `response_format` on the wire. */
export type WireResponseFormat =
  | { type: 'text' }
  | { type: 'json_object' }
  | { type: 'json_schema'; json_schema: { name: string; schema?: JsonSchema; strict?: boolean; description?: string } };

/** The body of `POST /chat/completions` (the subset Berth maps; other fields pass through `extra`). */
export interface WireChatBody {
  model: string;
  messages: WireMessage[];
  tools?: WireTool[];
  tool_choice?: WireToolChoice;
  parallel_tool_calls?: boolean;
  response_format?: WireResponseFormat;
  max_tokens?: number;
  max_completion_tokens?: number;
  temperature?: number;
  top_p?: number;
  stop?: string | string[];
  seed?: number;
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  [extra: string]: unknown;
}

/** `usage` on the wire. */
export interface WireUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details?: { cached_tokens?: number } | null;
}

/** A chat completion on the wire. */
export interface WireCompletion {
  id: string;
  object: 'chat.completion';
  created: number;
  model: string;
  choices: {
    index: number;
    message: { role: 'assistant'; content: string | null; tool_calls?: WireToolCall[]; reasoning_content?: string; refusal?: null };
    finish_reason: string | null;
    logprobs?: null;
  }[];
  usage?: WireUsage | null;
  [extra: string]: unknown;
}

/** A tool-call fragment on the wire (`delta.tool_calls[i]`). */
export interface WireToolCallDelta {
  index: number;
  id?: string;
  type?: 'function';
  function?: { name?: string; arguments?: string };
}

/** A chat completion chunk on the wire (one SSE `data:` event). */
export interface WireChunk {
  id: string;
  object: 'chat.completion.chunk';
  created: number;
  model: string;
  choices: {
    index: number;
    delta: { role?: 'assistant'; content?: string | null; reasoning_content?: string | null; tool_calls?: WireToolCallDelta[] };
    finish_reason: string | null;
    logprobs?: null;
  }[];
  usage?: WireUsage | null;
  [extra: string]: unknown;
}

/** An embeddings answer on the wire. */
export interface WireEmbeddings {
  object: 'list';
  model: string;
  data: { object: 'embedding'; index: number; embedding: number[] }[];
  usage?: { prompt_tokens: number; total_tokens: number };
}

/** Extra fields kept as they are. */
export type WireExtra = JsonObject;
