import type { FinishReason, Usage } from './chat.js';

/** The first part of a stream, when the provider knows the completion's id and model. Optional. */
export interface StreamStartPart {
  /** Discriminator. */
  readonly type: 'start';
  /** The server's id for the completion. */
  readonly id: string;
  /** The model that answers. */
  readonly model: string;
  /** Unix seconds when it was created, when known. */
  readonly created?: number;
}

/** A piece of the answer's text (OpenAI: `delta.content`). */
export interface TextDeltaPart {
  /** Discriminator. */
  readonly type: 'text-delta';
  /** The text to append. */
  readonly text: string;
}

/** A piece of the model's reasoning (llama.cpp: `delta.reasoning_content`). */
export interface ReasoningDeltaPart {
  /** Discriminator. */
  readonly type: 'reasoning-delta';
  /** The text to append to the reasoning. */
  readonly text: string;
}

/**
 * A fragment of a tool call (OpenAI: `delta.tool_calls[i]`). Fragments with the same `index` belong to one call:
 * the first carries `id` and `name`, every fragment may carry a piece of the arguments.
 */
export interface ToolCallDeltaPart {
  /** Discriminator. */
  readonly type: 'tool-call-delta';
  /** Which call of the answer this fragment belongs to (0-based). */
  readonly index: number;
  /** The call's id (usually on the first fragment only). */
  readonly id?: string;
  /** The tool's name (usually on the first fragment only). */
  readonly name?: string;
  /** A piece of the arguments' JSON text, possibly empty. */
  readonly argumentsDelta: string;
}

/** Token counts, usually the last part before `finish` (OpenAI: the final chunk with `stream_options.include_usage`). */
export interface UsagePart {
  /** Discriminator. */
  readonly type: 'usage';
  /** The counts. */
  readonly usage: Usage;
}

/** The end of the answer and why (OpenAI: `finish_reason`). */
export interface FinishPart {
  /** Discriminator. */
  readonly type: 'finish';
  /** Why the model stopped. */
  readonly reason: FinishReason;
}

/** One typed part of a streamed answer. Data-only. */
export type StreamPart =
  | StreamStartPart
  | TextDeltaPart
  | ReasoningDeltaPart
  | ToolCallDeltaPart
  | UsagePart
  | FinishPart;
