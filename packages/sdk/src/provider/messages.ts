import type { JsonSchema } from '../json.js';

/** A text part of a message's content (OpenAI: `{ type: 'text', text }`). */
export interface TextPart {
  /** Discriminator. */
  readonly type: 'text';
  /** The text. */
  readonly text: string;
}

/** An image part of a user message (OpenAI: `{ type: 'image_url', image_url: { url, detail } }`). */
export interface ImagePart {
  /** Discriminator. */
  readonly type: 'image';
  /** An `https:` or `data:` URL. */
  readonly url: string;
  /** The detail level the model should use, when it supports one. */
  readonly detail?: 'auto' | 'low' | 'high';
}

/** One part of a user message's content. */
export type ContentPart = TextPart | ImagePart;

/** A tool call the model made (OpenAI: `tool_calls[i]` with `type: 'function'`). */
export interface ToolCall {
  /** The call's id, echoed back by the tool result message. */
  readonly id: string;
  /** The tool's (function's) name. */
  readonly name: string;
  /** The arguments as the model wrote them: a JSON text, not guaranteed to be valid JSON. */
  readonly arguments: string;
}

/** Instructions to the model (OpenAI roles `system` and `developer`). */
export interface SystemMessage {
  /** The role. */
  readonly role: 'system' | 'developer';
  /** The instructions. */
  readonly content: string;
}

/** What the user said. */
export interface UserMessage {
  /** The role. */
  readonly role: 'user';
  /** A text, or parts (text and images). */
  readonly content: string | readonly ContentPart[];
}

/** What the model answered: text, tool calls, or both. */
export interface AssistantMessage {
  /** The role. */
  readonly role: 'assistant';
  /** The text, or `null` when the answer is only tool calls. */
  readonly content: string | null;
  /** The tool calls, when the model made some (OpenAI: `tool_calls`). */
  readonly toolCalls?: readonly ToolCall[];
  /** The model's reasoning, when the server separates it (llama.cpp: `reasoning_content`). */
  readonly reasoning?: string;
}

/** The result of a tool call, sent back to the model. */
export interface ToolMessage {
  /** The role. */
  readonly role: 'tool';
  /** The id of the {@link ToolCall} this answers (OpenAI: `tool_call_id`). */
  readonly toolCallId: string;
  /** The tool's result, as text. */
  readonly content: string;
}

/** One message of a conversation. */
export type Message = SystemMessage | UserMessage | AssistantMessage | ToolMessage;

/** A tool the model may call (OpenAI: `tools[i]` with `type: 'function'`). */
export interface ChatTool {
  /** The tool's name. */
  readonly name: string;
  /** What it does, for the model. */
  readonly description?: string;
  /** Its arguments, as a JSON Schema object. */
  readonly parameters: JsonSchema;
  /** Ask the server to enforce the schema strictly, where it can. */
  readonly strict?: boolean;
}

/** Whether and which tool the model must call (OpenAI: `tool_choice`; `{ name }` is the named choice). */
export type ToolChoice = 'auto' | 'none' | 'required' | { readonly name: string };
