import { validateManifest } from '../validate.js';
import type { ManifestFix, RawObject } from './manifest-fix.js';
import { fixFromProblems } from './problem-fixes.js';
import { fixSchema, fixTypeAlias, fixVersion } from './value-fixes.js';

/** Options of {@link fixManifest}. */
export interface FixManifestOptions {
  /** The `$schema` to add when the manifest has none (none is added when undefined). */
  readonly schema?: string;
  /** The manifest file (for the validator's messages). */
  readonly file?: string;
}

/**
 * Fixes, in place, what has exactly one right answer in a raw `plugin.json` object: `$schema` added, `version`
 * completed (`"1.0"` → `"1.0.0"`), the `mcp-provider` alias written `mcp`, and whatever the validator's problems
 * name a single fix for (misspelt fields and values, a scope key to rename). Runs until nothing more changes (a
 * fixed type can reveal the next problem). Everything else is left for the user. Returns the changes, in order.
 */
export function fixManifest(raw: RawObject, options: FixManifestOptions = {}): ManifestFix[] {
  const file = options.file ?? 'plugin.json';
  const fixes: ManifestFix[] = [...fixSchema(raw, options.schema), ...fixVersion(raw), ...fixTypeAlias(raw)];
  for (let round = 0; round < 5; round++) {
    const result = validateManifest(raw, file);
    const problems = result.ok ? result.warnings : [...result.problems, ...result.warnings];
    const more = fixFromProblems(raw, problems);
    if (more.length === 0) break;
    fixes.push(...more);
  }
  return fixes;
}
