import inspector from 'node:inspector';
import { describe, expect, it } from 'vitest';
import { defaultSandboxMode, NOBWRAP_GAPS, probeBwrap, ProcessRunner, protectHostProcess, sandboxDoctor } from '@berth/host';

describe('sandbox doctor', () => {
  it('reports bubblewrap usable on this machine (CI installs it), the permission flag, prlimit, and no gaps', () => {
    const report = sandboxDoctor({});
    expect(report.bwrap).toEqual({ path: '/usr/bin/bwrap', usable: true });
    expect(report.permissionFlag).toBe(process.allowedNodeEnvironmentFlags.has('--permission') ? '--permission' : '--experimental-permission');
    expect(report.prlimit).toBe('/usr/bin/prlimit');
    expect(report.mode).toBe('bwrap');
    expect(report.gaps).toEqual([]);
  });

  it('BERTH_SANDBOX=nobwrap forces the mode and lists what is then unprotected', () => {
    const report = sandboxDoctor({ BERTH_SANDBOX: 'nobwrap' });
    expect(report.mode).toBe('nobwrap');
    expect(report.gaps).toEqual(NOBWRAP_GAPS);
    expect(defaultSandboxMode({ BERTH_SANDBOX: 'bwrap' })).toBe('bwrap');
    expect(defaultSandboxMode({ BERTH_SANDBOX: 'nonsense' })).toBe(probeBwrap().usable ? 'bwrap' : 'nobwrap');
  });
});

describe('protectHostProcess', () => {
  it('is installed by the process tier itself: a host running sandboxed plugins has a SIGUSR1 handler', () => {
    new ProcessRunner({ grants: () => [] });
    expect(process.listenerCount('SIGUSR1')).toBeGreaterThan(0);
  });

  it('after it, SIGUSR1 to the host no longer opens the inspector (the escape from the facts file)', async () => {
    const seen: string[] = [];
    protectHostProcess((s) => seen.push(s));
    process.kill(process.pid, 'SIGUSR1');
    await new Promise((r) => setTimeout(r, 200));
    expect(inspector.url()).toBeUndefined();
    expect(seen).toEqual(['SIGUSR1']);
  });
});
