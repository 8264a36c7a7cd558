import { DockerPolicyRefusal } from './decision.js';

type Json = Record<string, unknown>;

/**
 * How the engine (Go's `encoding/json`) matches a JSON key to a field: case-insensitively, with the two non-ASCII
 * letters that fold to ASCII (`ſ` → `s`, the Kelvin sign `K` → `k`).
 */
export function foldKey(key: string): string {
  return key.replace(/\u017f/g, 's').replace(/\u212a/g, 'k').toLowerCase();
}

/**
 * A copy of `object` whose keys that the engine would read as one of `names` are spelled exactly as `names` spells
 * them (`privileged`, `PRIVILEGED` and `Privileged` all become `Privileged`), so the checks, which read the canonical
 * spelling, see what the engine will see. Two keys for one field are refused as ambiguous.
 */
export function canonicalKeys(object: Json, names: readonly string[], where: string): Json {
  const canonical = new Map(names.map((name) => [foldKey(name), name]));
  const result: Json = {};
  for (const [key, value] of Object.entries(object)) {
    const name = canonical.get(foldKey(key)) ?? key;
    if (Object.hasOwn(result, name)) {
      throw new DockerPolicyRefusal(`the request body (${where}${name})`, `it sets '${name}' twice under different spellings`, 400);
    }
    result[name] = value;
  }
  return result;
}

/** `value` when it is a plain JSON object, else undefined. */
export function asObject(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}
