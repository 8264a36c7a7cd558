/** A JSON pointer (RFC 6901) for a path of keys and indices; `''` is the whole document. */
export function toPointer(path: readonly PropertyKey[]): string {
  let pointer = '';
  for (const key of path) pointer += '/' + String(key).replaceAll('~', '~0').replaceAll('/', '~1');
  return pointer;
}

/** The value at `path` inside `root`, or `undefined` when any step is missing. */
export function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = root;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    if (!Object.hasOwn(current, key)) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/** True when `pointer` is `prefix` or lies below it. */
export function isWithin(pointer: string, prefix: string): boolean {
  return pointer === prefix || pointer.startsWith(prefix + '/');
}
