import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BerthError, ErrorCodes, pluginManifestSchema } from '@berth/sdk';
import type { ManifestProblem } from '@berth/sdk';
import { loadManifest, validateManifest } from '@berth/host';
import type { ManifestLoadResult, ManifestValidation } from '@berth/host';

const FILE = 'fuzz/plugin.json';
const CODES = new Set<string>([
  ErrorCodes.MANIFEST_INVALID,
  ErrorCodes.MANIFEST_JSON,
  ErrorCodes.MANIFEST_UNREADABLE,
  ErrorCodes.MAIN_MISSING,
]);

const VALID = {
  name: 'docker-mcp-tools',
  version: '1.0.0',
  type: 'mcp-provider',
  main: 'index.js',
  permissions: ['docker.access', { permission: 'filesystem.read', paths: ['${workspace}'] }],
  configuration: { docker_socket: { type: 'string', default: '/var/run/docker.sock' } },
  dependencies: { base: '^1.0.0' },
  contributes: { tools: [{ name: 'ps', description: 'Lists containers' }] },
  reload: { onConfigChange: 'event' },
  limits: { memoryMb: 128 },
};

/** A structured answer: a schema-valid manifest, or a Berth error with well-formed problems. */
function expectStructured(result: ManifestValidation | ManifestLoadResult): void {
  if (result.ok) {
    expect(pluginManifestSchema.safeParse(result.manifest).success).toBe(true);
    return;
  }
  expect(result.error).toBeInstanceOf(BerthError);
  expect(CODES.has(result.error.code)).toBe(true);
  expect(result.problems.length).toBeGreaterThan(0);
  for (const problem of result.problems) expectProblem(problem);
  for (const warning of result.warnings) expectProblem(warning);
}

function expectProblem(problem: ManifestProblem): void {
  expect(typeof problem.file).toBe('string');
  expect(problem.path === '' || problem.path.startsWith('/')).toBe(true);
  expect(problem.message).not.toMatch(/^internal error/);
  expect(problem.message.length).toBeGreaterThan(0);
  expect(problem.hint.length).toBeGreaterThan(0);
}

/** A valid manifest with one value replaced, added or removed somewhere inside it. */
const mutatedManifest = fc
  .tuple(fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), fc.oneof(fc.jsonValue(), fc.constant(undefined)), fc.string())
  .map(([steps, replacement, newKey]) => {
    const copy = structuredClone(VALID) as Record<string, unknown>;
    let node: unknown = copy;
    for (let i = 0; i < steps.length; i++) {
      if (typeof node !== 'object' || node === null) break;
      const keys = Object.keys(node);
      const last = i === steps.length - 1 || keys.length === 0;
      const key = keys.length === 0 || steps[i]! % 5 === 4 ? newKey : keys[steps[i]! % keys.length]!;
      const container = node as Record<string, unknown>;
      if (last || typeof container[key] !== 'object' || container[key] === null) {
        if (replacement === undefined) delete container[key];
        else container[key] = replacement;
        break;
      }
      node = container[key];
    }
    return copy;
  });

describe('any JSON as plugin.json yields a manifest or structured errors, never an exception', () => {
  test('validateManifest on any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expectStructured(validateManifest(value, FILE));
      }),
      { numRuns: 500 },
    );
  });

  test('validateManifest on mutated valid manifests', () => {
    fc.assert(
      fc.property(mutatedManifest, (value) => {
        expectStructured(validateManifest(value, FILE));
      }),
      { numRuns: 800 },
    );
  });

  test('validateManifest on objects with any fields of the manifest set to any JSON', () => {
    const fields = Object.keys(VALID).concat(['$schema', 'server', 'engines', 'activation', 'description']);
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...fields), fc.jsonValue()), (patch) => {
        expectStructured(validateManifest({ ...VALID, ...patch }, FILE));
      }),
      { numRuns: 500 },
    );
  });

  test('validateManifest on any JavaScript value (not only JSON: BigInt, Map, null prototypes, cycles)', () => {
    const anything = fc.anything({ withBigInt: true, withMap: true, withSet: true, withNullPrototype: true, withDate: true, withTypedArray: true, withSparseArray: true, withBoxedValues: true });
    fc.assert(
      fc.property(anything, (value) => {
        expectStructured(validateManifest(value, FILE));
        expectStructured(validateManifest({ ...VALID, configuration: { x: { type: 'string', default: value } } }, FILE));
      }),
      { numRuns: 300 },
    );
    const cyclic: Record<string, unknown> = { ...VALID };
    cyclic['contributes'] = cyclic;
    expectStructured(validateManifest(cyclic, FILE));
  });

  describe('loadManifest on any text as plugin.json', () => {
    let dir = '';
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'berth-manifest-fuzz-'));
      await writeFile(join(dir, 'index.js'), 'export default {};\n');
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    test('JSON text of any value, mutated manifests and arbitrary strings', async () => {
      const text = fc.oneof(
        fc.jsonValue().map((v) => JSON.stringify(v)),
        mutatedManifest.map((v) => JSON.stringify(v, null, 2)),
        fc.string(),
        mutatedManifest.chain((v) => {
          const json = JSON.stringify(v);
          return fc.nat({ max: json.length }).map((cut) => json.slice(0, cut));
        }),
      );
      await fc.assert(
        fc.asyncProperty(text, async (content) => {
          await writeFile(join(dir, 'plugin.json'), content);
          const result = await loadManifest(dir);
          expectStructured(result);
          if (!result.ok && result.error.code === ErrorCodes.MANIFEST_JSON) {
            expect(result.error.message).toMatch(/plugin\.json:\d+:\d+: not valid JSON: /);
          }
        }),
        { numRuns: 300 },
      );
    });
  });
});
