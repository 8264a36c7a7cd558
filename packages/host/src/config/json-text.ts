import { findJsonError } from './json-error.js';

/** Where and why a JSON text failed to parse. */
export interface JsonParseFailure {
  /** 1-based line. */
  readonly line: number;
  /** 1-based column. */
  readonly column: number;
  /** The parser's words. */
  readonly reason: string;
}

/** The outcome of {@link parseJsonText}. */
export type JsonParseResult = { readonly ok: true; readonly value: unknown } | ({ readonly ok: false } & JsonParseFailure);

/**
 * Parse `text` as JSON; on failure, say where (line and column, 1-based) and why, in words that never quote the text
 * (a configuration file may hold a secret). Never throws.
 */
export function parseJsonText(text: string): JsonParseResult {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text; // a byte-order mark some editors add
  try {
    return { ok: true, value: JSON.parse(body) as unknown };
  } catch {
    const found = findJsonError(body) ?? { offset: body.length, reason: 'not valid JSON' };
    return { ok: false, reason: found.reason, ...lineColumnAt(body, found.offset) };
  }
}

/** Line and column (1-based) of character `offset` in `text`. */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lines = before.split('\n');
  return { line: lines.length, column: (lines.at(-1)?.length ?? 0) + 1 };
}

/** The canonical text Berth saves a JSON value as: two-space indented, with a final newline. */
export function jsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
