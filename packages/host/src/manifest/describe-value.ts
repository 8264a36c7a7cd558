const MAX_FOUND = 60;

/** A value as short JSON text for messages (`"1.0"`, `42`, `{…}`), cut to a readable length. */
export function renderValue(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = safeString(value);
  }
  return text.length > MAX_FOUND ? `${text.slice(0, MAX_FOUND - 1)}…` : text;
}

/** `String(value)`, or its `[object Type]` tag when it has no usable string form (null prototypes, BigInt inside). */
function safeString(value: unknown): string {
  try {
    return String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/** The JSON type of a value, as users name it: `string`, `number`, `integer`, `boolean`, `null`, `array`, `object`. */
export function jsonTypeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** `a string`, `an object`, `an integer` (and plain `null`). */
export function withArticle(noun: string): string {
  if (noun === 'null') return noun;
  return /^[aeiou]/i.test(noun) ? `an ${noun}` : `a ${noun}`;
}

/** True for a plain JSON object (not an array, not null). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
