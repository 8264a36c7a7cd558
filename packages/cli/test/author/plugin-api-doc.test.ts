import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { repoRoot, runBerth, tempHome } from '../run-berth.js';

describe('docs/plugin-api.md', () => {
  test('opens with the three commands, and they are the ones the newcomer test runs', async () => {
    const text = readFileSync(path.join(repoRoot, 'docs', 'plugin-api.md'), 'utf8');
    const firstBlock = /```sh\n([\s\S]*?)```/.exec(text)?.[1] ?? '';
    expect(text.indexOf('```sh')).toBeLessThan(text.indexOf('\n## '));
    const commands = firstBlock.trim().split('\n').map((line) => line.replace(/\s+#.*$/, '').trim());
    expect(commands).toEqual(['berth new hello --type tool', 'cd hello && npm test', 'berth dev .']);
    const { home, cleanup } = await tempHome();
    try {
      const help = (await runBerth(home, ['--help'])).stdout;
      for (const command of ['new', 'dev', 'types', 'pack', 'validate']) expect(help).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
    } finally {
      await cleanup();
    }
  });
});
