import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireBuiltHost, runFixture, tempDir } from './helpers.js';

const COUNT = 100;
const names = (prefix: string): string[] => Array.from({ length: COUNT }, (_, i) => `${prefix}${i}`);

describe('concurrent writers (issue 5, point 3)', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    requireBuiltHost();
    ({ dir, cleanup } = await tempDir('berth-writers-'));
  });
  afterAll(() => cleanup());

  it(`two processes setting different keys ${COUNT} times each lose no update`, async () => {
    const declared = [...names('a'), ...names('b')];
    await Promise.all([
      runFixture('set-keys.mjs', [dir, 'a', String(COUNT), ...declared]),
      runFixture('set-keys.mjs', [dir, 'b', String(COUNT), ...declared]),
    ]);
    const saved = JSON.parse(await readFile(join(dir, 'config.json'), 'utf8')) as {
      plugins: { shared: { settings: Record<string, number> } };
    };
    const expected = Object.fromEntries(declared.map((name) => [name, Number(name.slice(1))]));
    expect(saved.plugins.shared.settings).toEqual(expected);
    expect(Object.keys(saved.plugins.shared.settings)).toHaveLength(2 * COUNT);
  }, 60_000);
});
