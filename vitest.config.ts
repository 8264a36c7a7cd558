import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  resolve: {
    // Tests exercise the TypeScript sources directly; child processes (sandboxed plugins) run the built JS.
    alias: {
      '@berth/sdk': src('./packages/sdk/src/index.ts'),
      '@berth/host': src('./packages/host/src/index.ts'),
      '@berth/testing': src('./packages/testing/src/index.ts'),
    },
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
