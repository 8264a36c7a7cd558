import type { JsonValue } from '@berth/sdk';

/** The manifest fields the types carry (what `definePlugin<Manifest>` reads), in this order. */
const FIELDS = ['name', 'version', 'type', 'permissions', 'configuration'] as const;

const key = (k: string): string => (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(k) ? k : JSON.stringify(k));

/** A JSON value as a readonly TypeScript literal type (strings, numbers and booleans as literals, arrays as tuples). */
export function literalType(value: JsonValue, indent = ''): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return 'readonly []';
    return `readonly [${value.map((v) => literalType(v, indent)).join(', ')}]`;
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([k, v]) => `${inner}readonly ${key(k)}: ${literalType(v, inner)};`).join('\n')}\n${indent}}`;
}

/**
 * The TypeScript module `berth types` writes from a `plugin.json`: `interface Manifest` with the manifest's name,
 * version, type, permissions and settings as literal types, for `definePlugin<Manifest>`.
 */
export function manifestTypesModule(manifest: Readonly<Record<string, JsonValue>>): string {
  const picked = FIELDS.filter((f) => manifest[f] !== undefined).map((f) => `  readonly ${f}: ${literalType(manifest[f] as JsonValue, '  ')};`);
  const name = typeof manifest['name'] === 'string' ? manifest['name'] : 'this plugin';
  return [
    '// Generated from plugin.json by `berth types`. Do not edit: run `berth types` again (the build does).',
    '',
    `/** The manifest of '${name}' as types: \`definePlugin<Manifest>\` offers only what it declares. */`,
    'export interface Manifest {',
    ...picked,
    '}',
    '',
  ].join('\n');
}
