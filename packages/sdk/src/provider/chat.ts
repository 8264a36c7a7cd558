import type { JsonObject, JsonSchema } from '../json.js';
import type { AssistantMessage, Message, ToolChoice, ChatTool } from './messages.js';

/** The shape of the answer (OpenAI: `response_format`). */
export type ResponseFormat =
  | { readonly type: 'text' }
  | { readonly type: 'json_object' }
  | {
      readonly type: 'json_schema';
      /** The schema's name. */
      readonly name: string;
      /** The JSON Schema the answer must follow. */
      readonly schema: JsonSchema;
      /** Ask the server to enforce the schema strictly. */
      readonly strict?: boolean;
    };

/** A chat request, close to OpenAI's `POST /chat/completions` body (see `docs/providers.md` for the mapping). */
export interface ChatRequest {
  /** The model id as the provider names it (e.g. `ai/smollm2`), without the plugin prefix. */
  readonly model: string;
  /** The conversation, oldest first. */
  readonly messages: readonly Message[];
  /** Tools the model may call. */
  readonly tools?: readonly ChatTool[];
  /** Whether and which tool the model must call. */
  readonly toolChoice?: ToolChoice;
  /** Whether the model may make several tool calls in one answer (OpenAI: `parallel_tool_calls`). */
  readonly parallelToolCalls?: boolean;
  /** The shape of the answer. */
  readonly responseFormat?: ResponseFormat;
  /** The most tokens to generate (OpenAI: `max_tokens` / `max_completion_tokens`). */
  readonly maxTokens?: number;
  /** Sampling temperature. */
  readonly temperature?: number;
  /** Nucleus sampling. */
  readonly topP?: number;
  /** Sequences that end the answer. */
  readonly stop?: readonly string[];
  /** A seed, for reproducible sampling where the server supports it. */
  readonly seed?: number;
  /** Extra, provider-specific body fields, passed through as they are. */
  readonly extra?: JsonObject;
}

/** Why the model stopped (OpenAI: `finish_reason`). */
export type FinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter' | 'error';

/** Token counts (OpenAI: `usage` with `prompt_tokens`, `completion_tokens`, `total_tokens`). */
export interface Usage {
  /** Tokens in the prompt. */
  readonly promptTokens: number;
  /** Tokens generated. */
  readonly completionTokens: number;
  /** Their sum. */
  readonly totalTokens: number;
  /** Prompt tokens served from a cache, when the server reports them. */
  readonly cachedTokens?: number;
}

/** A chat answer (OpenAI: the first `choices[0]` of a chat completion, with its `id`, `model` and `usage`). */
export interface ChatResponse {
  /** The server's id for the completion. */
  readonly id: string;
  /** The model that answered, as the server names it. */
  readonly model: string;
  /** Unix seconds when it was created, when known. */
  readonly created?: number;
  /** The answer. */
  readonly message: AssistantMessage;
  /** Why the model stopped. */
  readonly finishReason: FinishReason;
  /** Token counts, when the server reports them. */
  readonly usage?: Usage;
}
