import { describe, expect, test } from 'vitest';
// @ts-expect-error — plain JavaScript shared with bench/author-kit.bench.js (no declarations)
import { NEWCOMER_CASES, runNewcomer } from './newcomer-flow.js';

type Case = { before: string; after: string };
type Outcome = { first: string; second: string; times: Record<string, number>; output: () => string };

describe('a newcomer: berth new, npm test, berth dev + a tool call over MCP, an edit, the new answer', () => {
  for (const type of ['tool', 'provider', 'mcp'] as const) {
    test(`--type ${type}`, { timeout: 240_000 }, async () => {
      const expected = (NEWCOMER_CASES as Record<string, Case>)[type] as Case;
      const outcome = (await (runNewcomer as (t: string) => Promise<Outcome>)(type));
      expect(outcome.first, outcome.output()).toBe(expected.before);
      expect(outcome.second, outcome.output()).toBe(expected.after);
    });
  }
});
