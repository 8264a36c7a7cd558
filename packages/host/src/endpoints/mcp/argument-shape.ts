import type { JsonValue } from '@berth/sdk';

/** The shape of a value: type names in place of values, keys kept (what the call log records). */
export type ArgumentShape = string | { readonly [key: string]: ArgumentShape } | readonly ArgumentShape[];

const MAX_DEPTH = 4;
const MAX_KEYS = 32;

/**
 * The shape of tool arguments for logging: every value is replaced by its type (`string`, `number`,
 * `boolean`, `null`), objects keep their keys, arrays become `[length, shape of the first item]`. Never contains a
 * value from the input (strings, numbers and booleans are dropped whole).
 */
export function argumentShape(value: JsonValue | undefined, depth = 0): ArgumentShape {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (Array.isArray(value)) {
    if (value.length === 0) return 'array(0)';
    return depth >= MAX_DEPTH ? `array(${value.length})` : [`array(${value.length})`, argumentShape(value[0], depth + 1)];
  }
  if (typeof value === 'object') {
    if (depth >= MAX_DEPTH) return 'object';
    const keys = Object.keys(value);
    const shape: Record<string, ArgumentShape> = {};
    for (const key of keys.slice(0, MAX_KEYS)) shape[key] = argumentShape(value[key], depth + 1);
    if (keys.length > MAX_KEYS) shape['…'] = `${keys.length - MAX_KEYS} more keys`;
    return shape;
  }
  return typeof value;
}
