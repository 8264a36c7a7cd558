import { afterAll, describe, expect, it } from 'vitest';
import { ProcessRunner, sandboxDoctor } from '@berth/host';
import { createHarness, FIXTURES, runnable } from '../sandbox/harness.js';

describe('when OS-level network enforcement is unavailable (no bubblewrap)', () => {
  const h = createHarness();
  afterAll(() => h.cleanup());

  it('doctor says so, and whether plugins with scoped grants are then refused', () => {
    const report = sandboxDoctor({ BERTH_SANDBOX: 'nobwrap' });
    expect(report.networkEnforcement).toMatchObject({ available: false, required: false });
    expect(report.gaps).toContain('scoped network grants (host:port) are not enforced at the OS level: no egress proxy without bubblewrap, the in-process guard only');
    expect(sandboxDoctor({ BERTH_SANDBOX: 'nobwrap', BERTH_REQUIRE_NETWORK_ENFORCEMENT: '1' }).networkEnforcement.required).toBe(true);
  });

  it('the host option refuses to start a plugin whose scoped network grant only the guard could enforce, audited', async () => {
    const plugin = runnable(`${FIXTURES}net-scoped`);
    h.grants.set(plugin.name, [{ permission: 'network', scope: ['127.0.0.1:5432'] }]);
    const runner = new ProcessRunner({ mode: 'nobwrap', requireNetworkEnforcement: true, grants: (p) => h.grants.get(p) ?? [], audit: (r) => h.audit.record(r) });
    await expect(runner.start(plugin, h.context(plugin))).rejects.toMatchObject({
      code: 'BERTH_NETWORK_ENFORCEMENT_UNAVAILABLE',
      message: expect.stringContaining("plugin 'net-scoped' was not started: its network grant (127.0.0.1:5432)"),
    });
    expect(h.audit.read({ plugin: 'net-scoped', allowed: false })).toEqual(expect.arrayContaining([expect.objectContaining({ permission: 'network', target: '127.0.0.1:5432' })]));
  });

  it('without the option, scoped grants fall back to the guard (the plugin starts)', async () => {
    const plugin = runnable(`${FIXTURES}net-scoped`);
    h.grants.set(plugin.name, [{ permission: 'network', scope: ['127.0.0.1:5432'] }]);
    const instance = await new ProcessRunner({ mode: 'nobwrap', requireNetworkEnforcement: false, grants: (p) => h.grants.get(p) ?? [] }).start(plugin, h.context(plugin));
    await instance.stop();
  }, 60_000);
});
