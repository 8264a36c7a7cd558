import type { JsonValue } from '@berth/sdk';
import type { RawObject } from './manifest-fix.js';

/** The keys of a JSON pointer (`/a/0/b~1c` → `['a', '0', 'b/c']`). */
export function pointerKeys(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer.slice(1).split('/').map((k) => k.replaceAll('~1', '/').replaceAll('~0', '~'));
}

const isObject = (v: unknown): v is RawObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The container (object or array) holding the last key of `keys`, or undefined. */
export function parentOf(root: RawObject, keys: readonly string[]): RawObject | JsonValue[] | undefined {
  let current: JsonValue = root;
  for (const key of keys.slice(0, -1)) {
    if (Array.isArray(current)) current = current[Number(key)] as JsonValue;
    else if (isObject(current) && Object.hasOwn(current, key)) current = current[key] as JsonValue;
    else return undefined;
  }
  return Array.isArray(current) || isObject(current) ? current : undefined;
}

/** The value at `keys`, or undefined. */
export function valueAtKeys(root: RawObject, keys: readonly string[]): JsonValue | undefined {
  const parent = parentOf(root, keys);
  const last = keys[keys.length - 1];
  if (parent === undefined || last === undefined) return undefined;
  return Array.isArray(parent) ? parent[Number(last)] : Object.hasOwn(parent, last) ? parent[last] : undefined;
}

/** Sets the value at `keys` (the container must exist). */
export function setAtKeys(root: RawObject, keys: readonly string[], value: JsonValue): void {
  const parent = parentOf(root, keys);
  const last = keys[keys.length - 1];
  if (parent === undefined || last === undefined) return;
  if (Array.isArray(parent)) parent[Number(last)] = value;
  else parent[last] = value;
}

/** Renames key `from` of `object` to `to` in place, keeping the key order; false when `to` is taken or `from` absent. */
export function renameKey(object: RawObject, from: string, to: string): boolean {
  if (!Object.hasOwn(object, from) || Object.hasOwn(object, to)) return false;
  const entries = Object.entries(object);
  for (const key of Object.keys(object)) delete object[key];
  for (const [key, value] of entries) object[key === from ? to : key] = value;
  return true;
}

/** Puts `key: value` first in `object` (for `$schema`). */
export function prependKey(object: RawObject, key: string, value: JsonValue): void {
  const entries = Object.entries(object);
  for (const k of Object.keys(object)) delete object[k];
  object[key] = value;
  for (const [k, v] of entries) object[k] = v;
}
