import { describe, expect, test } from 'vitest';
import { NEWCOMER_CASES, runNewcomer } from './newcomer-flow.js';

describe('a newcomer: berth new, npm test, berth dev + a tool call over MCP, an edit, the new answer', () => {
  for (const type of ['tool', 'provider', 'mcp'] as const) {
    test(`--type ${type}`, { timeout: 240_000 }, async () => {
      const expected = NEWCOMER_CASES[type];
      const outcome = await runNewcomer(type);
      expect(outcome.first, outcome.output()).toBe(expected.before);
      expect(outcome.second, outcome.output()).toBe(expected.after);
    });
  }
});
