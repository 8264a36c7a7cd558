import type { Logger } from '@berth/sdk';
import type { ArgumentShape } from './argument-shape.js';

/** How a call ended: a result, a result flagged `isError` by the tool, a failure before or in the tool, or a cancellation. */
export type CallOutcome = 'ok' | 'tool-error' | 'error' | 'cancelled';

/** One line of the call log. */
export interface CallLogEntry {
  /** The namespaced tool id. */
  readonly tool: string;
  /** The owning plugin (the id's namespace). */
  readonly plugin: string;
  /** How it ended. */
  readonly outcome: CallOutcome;
  /** Wall time in milliseconds. */
  readonly durationMs: number;
  /** The arguments' shape — never their values. */
  readonly args: ArgumentShape;
  /** The error code, for failures (never the message, which may quote values). */
  readonly code?: string;
  /** `http` or `stdio`. */
  readonly transport: string;
}

/** Writes one log line per tool call (info for success, warn for failures). */
export function logToolCall(logger: Logger, entry: CallLogEntry): void {
  const line = { event: 'tool.call', ...entry, durationMs: Math.round(entry.durationMs * 100) / 100 };
  const text = `tool call ${entry.tool}: ${entry.outcome}`;
  if (entry.outcome === 'ok') logger.info(line, text);
  else logger.warn(line, text);
}
