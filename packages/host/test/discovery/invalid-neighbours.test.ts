import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ErrorCodes } from '@berth/sdk';
import { discoverPlugins, HOST_API_VERSION, loadManifest, resolve } from '@berth/host';
import semver from 'semver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const MANIFESTS = fileURLToPath(new URL('../fixtures/manifests/', import.meta.url));
const INVALID = path.join(MANIFESTS, 'invalid');
const VALID = path.join(MANIFESTS, 'valid');

/**
 * Acceptance point 2, discovery's part: every invalid manifest fixture, side by side in one root with the valid
 * ones, is answered by its own error while discovery goes on and the valid neighbours load.
 */
describe('discovery: a root full of invalid manifests next to valid ones', () => {
  let root = '';
  let invalid: string[] = [];
  let valid: string[] = [];
  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'berth-invalid-neighbours-'));
    invalid = (await readdir(INVALID)).sort();
    valid = (await readdir(VALID)).sort();
    for (const name of invalid) await cp(path.join(INVALID, name), path.join(root, name), { recursive: true, verbatimSymlinks: true });
    for (const name of valid) await cp(path.join(VALID, name), path.join(root, name), { recursive: true, verbatimSymlinks: true });
  });
  afterAll(async () => rm(root, { recursive: true, force: true }));

  it('reports each invalid folder as broken with the same code and message the manifest loader gives for it', async () => {
    expect(invalid.length).toBeGreaterThanOrEqual(25);
    const result = await discoverPlugins([{ kind: 'project', dir: root }]);
    expect(result.broken.map((b) => b.folder)).toEqual(invalid);
    for (const broken of result.broken) {
      const original = await loadManifest(path.join(INVALID, broken.folder));
      if (original.ok) throw new Error(`fixture ${broken.folder} unexpectedly loads`);
      expect([broken.folder, broken.error.code]).toEqual([broken.folder, original.error.code]);
      expect(broken.error.message).toBe(original.error.message.replaceAll(INVALID, root));
      expect(broken.error.message).toContain(path.join(root, broken.folder));
      expect(broken.manifestFile).toBe(path.join(root, broken.folder, 'plugin.json'));
    }
    const codes = new Set(result.broken.map((b) => b.error.code));
    expect([...codes].sort()).toEqual(
      [ErrorCodes.MAIN_MISSING, ErrorCodes.MANIFEST_INVALID, ErrorCodes.MANIFEST_JSON, ErrorCodes.MANIFEST_UNREADABLE].sort(),
    );
  });

  it('still finds every valid neighbour, and resolution loads each one written for this host API', async () => {
    const result = await discoverPlugins([{ kind: 'project', dir: root }]);
    expect(result.candidates.map((c) => c.folder)).toEqual(valid);
    const forThisHost = result.candidates.filter((c) => semver.satisfies(HOST_API_VERSION, c.manifest.engines?.berth ?? '*'));
    expect(forThisHost.length).toBeGreaterThanOrEqual(3);
    const resolution = resolve(result.candidates);
    expect([...resolution.loaded.keys()].sort()).toEqual(forThisHost.map((c) => c.manifest.name).sort());
    for (const failure of resolution.failed.values()) expect(failure.error.code).toBe(ErrorCodes.HOST_API_MISMATCH);
  });
});
