import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pluginManifestSchema } from '@berth/sdk';
import { programScopeWarnings } from '@berth/host';

// Issue 19, point 5: a process.spawn grant scoped to a wrapper script (Debian's /usr/bin/chromium is one) is
// explained by `berth validate`: what the script runs is not checked, and what it reads must be granted.

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-programs-'));
const script = path.join(dir, 'wrapper');
fs.writeFileSync(script, '#!/bin/sh\nexec /bin/true "$@"\n', { mode: 0o755 });
const manifest = (permissions: unknown[]) => pluginManifestSchema.parse({ name: 'p', version: '1.0.0', type: 'mcp', main: 's.js', permissions });

describe('programScopeWarnings', () => {
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('says nothing of a binary, warns of a script and of a program that is not installed', () => {
    const warnings = programScopeWarnings(manifest([{ permission: 'process.spawn', programs: ['/bin/true', script, '/opt/berth-no-such-program'] }]), 'plugin.json');
    expect(warnings.map((w) => w.path)).toEqual(['/permissions/0/programs/1', '/permissions/0/programs/2']);
    expect(warnings[0]?.message).toBe(`program ${script} is a script (#!/bin/sh): the programs it runs start without further checks, and the files it reads must be in the sandbox`);
    expect(warnings[1]?.message).toBe('program /opt/berth-no-such-program is not installed on this machine');
  });

  it.skipIf(!fs.existsSync('/usr/bin/chromium'))("names Debian chromium's configuration folders, and is quiet once they are granted", () => {
    const spawn = { permission: 'process.spawn', programs: ['/usr/bin/chromium'] };
    expect(programScopeWarnings(manifest([spawn]), 'plugin.json')[0]?.hint).toContain('"paths": ["/etc/chromium.d", "/etc/chromium"]');
    expect(programScopeWarnings(manifest([spawn, { permission: 'filesystem.read', paths: ['/etc/chromium.d', '/etc/chromium'] }]), 'plugin.json')).toEqual([]);
  });
});
