import semver from 'semver';
import type { ManifestFix, RawObject } from './manifest-fix.js';
import { prependKey } from './json-edit.js';

/**
 * `version` written almost as semver: `"1.0"` / `1` → `"1.0.0"` (missing parts are zero), `"v1.2.3"` / `" 1.2.3 "`
 * → `"1.2.3"`. Anything else (`"latest"`, `"1.x"`) has no single right answer and is left.
 */
export function fixVersion(raw: RawObject): ManifestFix[] {
  const found = raw['version'];
  if (typeof found !== 'string' && typeof found !== 'number') return [];
  const text = String(found);
  if (typeof found === 'string' && semver.valid(text) === text) return [];
  const cleaned = semver.clean(text);
  const fixed = cleaned ?? (/^v?\d+(\.\d+)?$/.test(text.trim()) ? semver.coerce(text)?.version : undefined);
  if (fixed == null) return [];
  raw['version'] = fixed;
  return [{ path: '/version', change: `${JSON.stringify(found)} → "${fixed}"` }];
}

/** The specification's `"mcp-provider"` is an alias of `"mcp"`: written as what it means. */
export function fixTypeAlias(raw: RawObject): ManifestFix[] {
  if (raw['type'] !== 'mcp-provider') return [];
  raw['type'] = 'mcp';
  return [{ path: '/type', change: '"mcp-provider" → "mcp" (the same type, by its name)' }];
}

/** A missing `$schema` is added first, pointing at `schema` (so editors complete and check the file). */
export function fixSchema(raw: RawObject, schema: string | undefined): ManifestFix[] {
  if (schema === undefined || Object.hasOwn(raw, '$schema')) return [];
  prependKey(raw, '$schema', schema);
  return [{ path: '/$schema', change: `added "${schema}"` }];
}
