import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ErrorCodes } from '@berth/sdk';
import { loadManifest } from '@berth/host';

// Manifests are read synchronously (cheaper than the thread pool): a plugin.json that is not a small regular file
// must not hang or flood the host, and must say what is wrong with it.
const base = mkdtempSync(path.join(os.tmpdir(), 'berth-unusual-manifest-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

function folder(name: string): string {
  const dir = path.join(base, name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

describe('a plugin.json that is not a small regular file', () => {
  it('a FIFO is refused at once (never waited on), naming the file', async () => {
    const dir = folder('fifo');
    execFileSync('mkfifo', [path.join(dir, 'plugin.json')]);
    const started = Date.now();
    const result = await loadManifest(dir);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe(ErrorCodes.MANIFEST_UNREADABLE);
    expect(result.problems[0]?.message).toMatch(/not a regular file/);
    expect(result.file).toBe(path.join(dir, 'plugin.json'));
  });

  it('a file over 4 MiB is refused with its reason', async () => {
    const dir = folder('huge');
    writeFileSync(path.join(dir, 'plugin.json'), `{"name":"huge","version":"1.0.0","type":"tool","description":"${'x'.repeat(4 * 1024 * 1024)}"}`);
    const result = await loadManifest(dir);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe(ErrorCodes.MANIFEST_UNREADABLE);
    expect(result.problems[0]?.message).toMatch(/larger than 4 MiB/);
  });

  it('a folder named plugin.json is refused as before', async () => {
    const dir = folder('folder');
    mkdirSync(path.join(dir, 'plugin.json'));
    const result = await loadManifest(dir);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]?.message).toMatch(/is a folder, not a file/);
  });

  it('a manifest just under the limit still loads', async () => {
    const dir = folder('large');
    writeFileSync(path.join(dir, 'plugin.json'), JSON.stringify({ name: 'large', version: '1.0.0', type: 'mcp', description: 'd'.repeat(200_000), server: { url: 'http://127.0.0.1:1/mcp' } }));
    const result = await loadManifest(dir);
    expect(result.ok ? result.manifest.name : result.problems).toBe('large');
  });
});
