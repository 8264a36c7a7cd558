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

/** Parse `text` as JSON; on failure, say where (line and column, 1-based) and why. Never throws. */
export function parseJsonText(text: string): JsonParseResult {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, reason, ...locate(text, reason) };
  }
}

/** Line and column (1-based) of the parser's error in `text`. */
function locate(text: string, reason: string): { line: number; column: number } {
  const lineColumn = /line (\d+) column (\d+)/u.exec(reason);
  if (lineColumn !== null) return { line: Number(lineColumn[1]), column: Number(lineColumn[2]) };
  const position = /position (\d+)/u.exec(reason);
  const offset = position !== null ? Number(position[1]) : text.length;
  return lineColumnAt(text, offset);
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
