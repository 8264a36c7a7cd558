import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  resolve: {
    // Tests exercise the TypeScript sources directly; child processes (sandboxed plugins) run the built JS.
    alias: [
      { find: /^@berth\/sdk$/, replacement: src('./packages/sdk/src/index.ts') },
      { find: /^@berth\/sdk\/errors$/, replacement: src('./packages/sdk/src/errors/index.ts') },
      { find: /^@berth\/host$/, replacement: src('./packages/host/src/index.ts') },
      { find: /^@berth\/host\/control$/, replacement: src('./packages/host/src/control/client.ts') },
      { find: /^@berth\/testing$/, replacement: src('./packages/testing/src/index.ts') },
    ],
  },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'plugins/*/test/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // The usual console report, plus a JSON one that .ci/run turns into a plain "N passed, N failed" closing line.
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
    // Type tests (// @ts-expect-error) against the built declarations; see tsconfig.typetests.json.
    typecheck: { enabled: true, include: ['packages/*/test/**/*.test-d.ts'], tsconfig: './tsconfig.typetests.json' },
  },
});
