/** How deep a manifest may nest (the schema itself needs about 6 levels; settings' JSON defaults a few more). */
export const MAX_MANIFEST_DEPTH = 64;

/**
 * The top-level field under which `value` nests deeper than {@link MAX_MANIFEST_DEPTH}, or `undefined`.
 * Iterative, so hostile nesting cannot exhaust the stack here.
 */
export function tooDeepField(value: Readonly<Record<string, unknown>>): string | undefined {
  for (const [field, child] of Object.entries(value)) {
    const stack: [unknown, number][] = [[child, 2]];
    while (stack.length > 0) {
      const [node, depth] = stack.pop()!;
      if (typeof node !== 'object' || node === null) continue;
      if (depth > MAX_MANIFEST_DEPTH) return field;
      for (const item of Array.isArray(node) ? node : Object.values(node)) stack.push([item, depth + 1]);
    }
  }
  return undefined;
}
