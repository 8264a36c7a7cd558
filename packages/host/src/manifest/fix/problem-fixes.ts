import type { ManifestProblem } from '@berth/sdk';
import type { ManifestFix, RawObject } from './manifest-fix.js';
import { parentOf, pointerKeys, renameKey, setAtKeys, valueAtKeys } from './json-edit.js';

const DID_YOU_MEAN = /^did you mean "(.+)"\?$/;
const RENAME = /^rename "(.+)" to "(.+)"$/;

/** Renames `from` to `to` in the object at `keys`' parent. */
function rename(raw: RawObject, keys: readonly string[], from: string, to: string, at: string): ManifestFix[] {
  const parent = parentOf(raw, keys);
  if (parent === undefined || Array.isArray(parent) || !renameKey(parent, from, to)) return [];
  return [{ path: at, change: `renamed "${from}" to "${to}"` }];
}

/** Replaces a misspelt value by the one known value it is close to (a `${variable}` prefix only, for paths). */
function replaceValue(raw: RawObject, keys: readonly string[], suggestion: string, at: string): ManifestFix[] {
  const found = valueAtKeys(raw, keys);
  if (typeof found !== 'string') return [];
  let fixed = suggestion;
  if (suggestion.startsWith('${')) {
    const variable = /^\$\{[^}]*\}/.exec(found)?.[0];
    if (variable === undefined) return [];
    fixed = suggestion + found.slice(variable.length);
  }
  setAtKeys(raw, keys, fixed);
  return [{ path: at, change: `"${found}" → "${fixed}"` }];
}

/**
 * The fixes the validator's own problems name with one answer: a misspelt field (`did you mean "permissions"?` on an
 * unknown field), a misspelt value of a closed set (type, permission, setting type, path variable, reload mode:
 * `did you mean "tool"?`), and a key to rename (`rename "paths" to "hosts"`).
 */
export function fixFromProblems(raw: RawObject, problems: readonly ManifestProblem[]): ManifestFix[] {
  const fixes: ManifestFix[] = [];
  for (const problem of problems) {
    const keys = pointerKeys(problem.path);
    const last = keys[keys.length - 1];
    const renaming = RENAME.exec(problem.hint);
    if (renaming !== null) {
      const [, from = '', to = ''] = renaming;
      const at = last === from ? keys : [...keys.slice(0, -1), from];
      fixes.push(...rename(raw, at, from, to, problem.path));
      continue;
    }
    const suggestion = DID_YOU_MEAN.exec(problem.hint)?.[1];
    if (suggestion === undefined || last === undefined) continue;
    if (problem.message.startsWith('unknown field')) fixes.push(...rename(raw, keys, last, suggestion, problem.path));
    else fixes.push(...replaceValue(raw, keys, suggestion, problem.path));
  }
  return fixes;
}
