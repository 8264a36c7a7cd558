/** The index just past the JSON string that starts (with its quote) at `start`. */
function stringEnd(json: string, start: number): number {
  for (let i = start + 1; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (c === 0x5c /* \ */) i++;
    else if (c === 0x22 /* " */) return i + 1;
  }
  return json.length;
}

/** The index of the first non-blank character at or after `i`. */
function skipBlanks(json: string, i: number): number {
  while (i < json.length && ' \t\n\r'.includes(json.charAt(i))) i++;
  return i;
}

/**
 * A JSON object's text with the string value of its top-level `model` key replaced by `model`, every other byte
 * as it was (a chunk passed through from an upstream keeps its exact bytes). Nested `model` keys and `"model"`
 * inside strings are left alone; text without a top-level string `model` comes back unchanged.
 */
export function withModelField(json: string, model: string): string {
  let depth = 0;
  for (let i = 0; i < json.length; ) {
    const c = json.charCodeAt(i);
    if (c === 0x22 /* " */) {
      const end = stringEnd(json, i);
      if (depth === 1 && end - i === 7 && json.startsWith('"model"', i)) {
        const colon = skipBlanks(json, end);
        const value = json.charAt(colon) === ':' ? skipBlanks(json, colon + 1) : -1;
        if (value > 0 && json.charAt(value) === '"') return `${json.slice(0, value)}${JSON.stringify(model)}${json.slice(stringEnd(json, value))}`;
      }
      i = end;
      continue;
    }
    if (c === 0x7b /* { */ || c === 0x5b /* [ */) depth++;
    else if (c === 0x7d /* } */ || c === 0x5d /* ] */) depth--;
    i++;
  }
  return json;
}
