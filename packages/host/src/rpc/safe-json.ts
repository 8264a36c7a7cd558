/** Keys that could reach an object's prototype if a payload were ever merged into a host object. */
const INERT_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** A `JSON.parse` reviver that drops `__proto__`, `constructor` and `prototype` keys wherever they appear. */
export function inertKeysReviver(key: string, value: unknown): unknown {
  return INERT_KEYS.has(key) ? undefined : value;
}

/** True when the text may hold a dangerous key (literally, or through a `\u` escape that JSON decodes). */
function mayHoldInertKey(text: string): boolean {
  return text.includes('__proto__') || text.includes('constructor') || text.includes('prototype') || text.includes('\\u');
}

/** The result of {@link parseUntrustedJsonReporting}: the value, and whether dangerous keys were dropped. */
export interface UntrustedParse {
  readonly value: unknown;
  readonly dropped: boolean;
}

/** Like {@link parseUntrustedJson}, also saying whether a dangerous key was dropped (for the audit log). */
export function parseUntrustedJsonReporting(text: string): UntrustedParse {
  if (!mayHoldInertKey(text)) return { value: JSON.parse(text), dropped: false };
  let dropped = false;
  const value: unknown = JSON.parse(text, (key, v: unknown) => {
    if (!INERT_KEYS.has(key)) return v;
    dropped = true;
    return undefined;
  });
  return { value, dropped };
}

/**
 * Parses JSON received from a plugin. Keys named `__proto__`, `constructor` or `prototype` are dropped, so a
 * payload can never pollute a prototype even if some code later merges it with `Object.assign`.
 * Throws `SyntaxError` for malformed text.
 */
export function parseUntrustedJson(text: string): unknown {
  return mayHoldInertKey(text) ? JSON.parse(text, inertKeysReviver) : JSON.parse(text);
}
