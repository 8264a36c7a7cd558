import { ErrorCodes } from '@berth/sdk';
import { discover, loadManifest, type DiscoveryLoadResult, type DiscoverableManifest } from '@berth/host';
import { describe, expect, it } from 'vitest';
import { ALL_ROOTS, at } from './fixture-roots.js';

describe('discovery: the manifest loader it is given', () => {
  it('reports a loader that throws as that plugin being unreadable, and goes on with the others', async () => {
    const result = await discover({
      roots: [{ kind: 'core', dir: at('core') }],
      load: async (dir): Promise<DiscoveryLoadResult<DiscoverableManifest>> => {
        if (dir.endsWith('core-a')) throw new Error('disk on fire');
        return loadManifest(dir);
      },
    });
    const file = at('core', 'core-a', 'plugin.json');
    expect(result.broken.map((b) => [b.folder, b.error.code, b.error.message])).toEqual([
      [
        'core-a',
        ErrorCodes.MANIFEST_UNREADABLE,
        `${file}: cannot read the plugin manifest: loading failed: disk on fire; fix: make sure the plugin folder holds a readable plugin.json`,
      ],
    ]);
    expect(result.candidates.map((c) => c.folder)).toEqual(['multi-1', 'multi-2', 'needs-bad', 'shared']);
  });

  it('never has more loads in flight than its concurrency', async () => {
    let inFlight = 0;
    let peak = 0;
    const result = await discover({
      roots: ALL_ROOTS,
      concurrency: 3,
      load: async (dir) => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        try {
          await new Promise((resolve) => setTimeout(resolve, 2));
          return await loadManifest(dir);
        } finally {
          inFlight--;
        }
      },
    });
    expect(peak).toBe(3);
    expect(result.candidates.length + result.broken.length + result.shadowed.length).toBe(17);
  });
});
