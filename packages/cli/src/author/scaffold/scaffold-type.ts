/** The kinds of plugin `berth new` writes. */
export const SCAFFOLD_TYPES = ['tool', 'provider', 'mcp'] as const;

/** One of {@link SCAFFOLD_TYPES}. */
export type ScaffoldType = (typeof SCAFFOLD_TYPES)[number];

/** True when `value` is a type `berth new` knows. */
export function isScaffoldType(value: string): value is ScaffoldType {
  return (SCAFFOLD_TYPES as readonly string[]).includes(value);
}
