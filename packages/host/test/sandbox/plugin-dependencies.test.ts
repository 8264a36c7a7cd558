import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempHost } from '../support/temp-host.js';

const root = { kind: 'extra' as const, dir: path.join(import.meta.dirname, '..', 'fixtures', 'sandbox-deps') };

describe.each(['bwrap', 'nobwrap'] as const)('a sandboxed plugin and its npm dependencies (%s)', { timeout: 60_000 }, (mode) => {
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => cleanup?.());

  it('imports the packages its package.json declares (hoisted by npm), and no others', async () => {
    const made = await tempHost([root], { sandboxMode: mode });
    cleanup = made.cleanup;
    await made.host.start();
    expect(made.host.get('uses-semver')?.state).toBe('active');
    const result = await made.host.api.tools.call('uses-semver/check', {});
    expect(result.structuredContent).toEqual({ satisfies: true, undeclared: expect.stringMatching(/ERR_MODULE_NOT_FOUND|ERR_ACCESS_DENIED/) });
  });
});
