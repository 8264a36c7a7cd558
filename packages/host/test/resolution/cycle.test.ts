import { ErrorCodes } from '@berth/sdk';
import { resolve } from '@berth/host';
import { describe, expect, it } from 'vitest';
import { copy, versions } from './candidates.js';

describe('resolution: dependency cycles', () => {
  it("reports a cycle as its path from each member, fails its dependents and loads the rest", () => {
    const result = resolve([
      copy('a', '1.0.0', { b: '^1.0.0' }),
      copy('b', '1.0.0', { c: '^1.0.0' }),
      copy('c', '1.0.0', { a: '^1.0.0', base: '^1.0.0' }),
      copy('base', '1.0.0'),
      copy('user', '1.0.0', { a: '^1.0.0' }),
    ]);
    const a = result.failed.get('a')?.error;
    expect(a?.code).toBe(ErrorCodes.DEPENDENCY_CYCLE);
    expect(a?.message).toBe(
      "plugin 'a' is in a dependency cycle: 'a' -> 'b' -> 'c' -> 'a'; remove one of these dependencies " +
        '(e.g. dependencies.b in /roots/a@1.0.0/plugin.json)',
    );
    expect(result.failed.get('b')?.error.message).toContain("'b' -> 'c' -> 'a' -> 'b'");
    expect(result.failed.get('c')?.error.message).toContain("'c' -> 'a' -> 'b' -> 'c'");
    const user = result.failed.get('user')?.error;
    expect(user?.code).toBe(ErrorCodes.DEPENDENCY_FAILED);
    expect(user?.message).toBe(`plugin 'user' not loaded because 'a' failed: ${a?.message}`);
    expect(versions(result.loaded)).toEqual({ base: '1.0.0' });
  });

  it('reports a plugin depending on itself', () => {
    const error = resolve([copy('self', '1.0.0', { self: '*' })]).failed.get('self')?.error;
    expect(error?.code).toBe(ErrorCodes.DEPENDENCY_CYCLE);
    expect(error?.message).toBe(
      "plugin 'self' is in a dependency cycle: 'self' -> 'self'; remove one of these dependencies " +
        '(e.g. dependencies.self in /roots/self@1.0.0/plugin.json)',
    );
  });
});
