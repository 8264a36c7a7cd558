import { describe, expect, test } from 'vitest';
import { ErrorCodes } from '@berth/sdk';
import { validateManifest } from '@berth/host';

const FILE = 'hostile/plugin.json';
const BASE = '"name":"h","version":"1.0.0","type":"tool","main":"index.js"';

/** Validates JSON text exactly as a loader would see it (JSON.parse keeps "__proto__" as an own key). */
const check = (json: string) => validateManifest(JSON.parse(json), FILE);

describe('hostile manifests get precise errors, not crashes or silent surprises', () => {
  test('"__proto__" as a setting name is refused, not silently dropped', () => {
    const result = check(`{${BASE},"configuration":{"__proto__":{"type":"string","default":"x"}}}`);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe(ErrorCodes.MANIFEST_INVALID);
    expect(result.error.message).toContain(`${FILE}: /configuration/__proto__: "__proto__" cannot be used as a setting name`);
    expect(result.problems).toHaveLength(1);
  });

  test('"__proto__" as a dependency name is refused', () => {
    const result = check(`{${BASE},"dependencies":{"__proto__":"^1.0.0"}}`);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.message).toContain(`${FILE}: /dependencies/__proto__: "__proto__" cannot be used as a dependency name`);
  });

  test('a top-level "__proto__" is an ignored unknown field and pollutes nothing', () => {
    const result = check(`{${BASE},"__proto__":{"polluted":true,"main":"../evil.js"}}`);
    if (!result.ok) throw result.error;
    expect(result.manifest.main).toBe('index.js');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(result.warnings.map((w) => w.path)).toEqual(['/__proto__']);
  });

  test('prototype names are not permissions', () => {
    const result = check(`{${BASE},"permissions":["constructor","__proto__","toString"]}`);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.message)).toEqual([
      '"constructor" is not a known permission',
      '"__proto__" is not a known permission',
      '"toString" is not a known permission',
    ]);
  });

  test('nesting a million levels deep is reported, not a stack overflow', () => {
    const deep = '['.repeat(1_000_000) + ']'.repeat(1_000_000);
    const result = check(`{${BASE},"configuration":{"x":{"type":"array","default":${deep}}}}`);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.message).toContain(`${FILE}: /configuration: nests more than 64 levels deep`);
  });

  test('a scoped path may not use an unknown variable to reach outside the granted roots', () => {
    const result = check(`{${BASE},"permissions":[{"permission":"filesystem.write","paths":["\${root}/etc"]}]}`);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.message).toContain(`${FILE}: /permissions/0/paths/0: \${root} is not a known path variable`);
  });

  test('a huge string value is cut in messages', () => {
    const result = check(`{${BASE.replace('"1.0.0"', JSON.stringify('x'.repeat(100_000)))}}`);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.message.length).toBeLessThan(1000);
  });
});
