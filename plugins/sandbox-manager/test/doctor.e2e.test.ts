import { describe, expect, it } from 'vitest';
import { detectSandboxBackend } from '../src/index.js';
import { bwrapCase, dockerCase } from './support/backends.js';

/** What `berth doctor` can show: which backend is in use, and why. */
describe('detectSandboxBackend', () => {
  it('picks Docker when it answers, bubblewrap when it does not, and says why', async (ctx) => {
    const [docker, bwrap] = [await dockerCase(), await bwrapCase()];
    if (bwrap.skip !== undefined) return ctx.skip(bwrap.skip);
    const down = await detectSandboxBackend({ backend: 'auto', docker_socket: '/nonexistent/docker.sock' });
    expect(down).toMatchObject({ backend: 'bwrap', requested: 'auto', docker: { socket: '/nonexistent/docker.sock', reachable: false }, bwrap: { available: true } });
    expect(down.docker.error).toContain("set the setting 'backend' to 'bwrap'");
    expect(await detectSandboxBackend({ backend: 'docker', docker_socket: '/nonexistent/docker.sock' })).toMatchObject({ backend: 'none' });
    if (docker.skip !== undefined) return;
    expect(await detectSandboxBackend({ backend: 'auto', docker_socket: '/var/run/docker.sock' })).toMatchObject({ backend: 'docker', docker: { reachable: true } });
    expect(await detectSandboxBackend({ backend: 'bwrap', docker_socket: '/var/run/docker.sock' })).toMatchObject({ backend: 'bwrap', docker: { reachable: false, error: 'not tried (backend is bwrap)' } });
  });
});
