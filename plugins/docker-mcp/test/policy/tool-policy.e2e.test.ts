import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBusyboxImage, skipUnlessDocker } from '../../../../test/support/docker/index.js';
import { connect, engine, failure, leftovers } from '../support/client.js';
import type { Connected } from '../support/client.js';

const docker = await skipUnlessDocker();
const RUN = `pol-${process.pid}`;
const labels = { 'berth.test.suite': RUN };

describe.skipIf(!docker.available)('docker-mcp refuses what would hand a container the host', () => {
  let mcp: Connected;
  let root: string;
  let image: string;

  beforeAll(async () => {
    image = await ensureBusyboxImage();
    root = await mkdtemp(join(tmpdir(), 'berth-dmcp-pol-'));
    mcp = await connect({ allowed_roots: [root, '/var/run', '/'], allowed_images: ['berth-test/*'] });
  });

  afterAll(async () => {
    await mcp?.close();
    await rm(root, { recursive: true, force: true });
    expect(await leftovers(`berth.test.suite=${RUN}`)).toEqual({ containers: [], networks: [] });
  });

  const refused = async (args: Record<string, unknown>, tool = 'container_run'): Promise<string> => {
    const error = failure(await mcp.call(tool, { image, command: ['true'], labels, ...args }));
    expect(error.code).toBe('BERTH_DOCKER_POLICY_DENIED');
    return error.message;
  };

  it('refuses a privileged container', async () => {
    expect(await refused({ privileged: true })).toBe(
      "plugin 'docker-mcp-tools': refused the 'privileged' option: a privileged container can take over the host; docker-mcp-tools never creates one",
    );
  });

  it('refuses added capabilities, devices, host namespaces and security options', async () => {
    expect(await refused({ cap_add: ['SYS_ADMIN'] })).toContain("refused the 'cap_add' option: added capabilities");
    expect(await refused({ devices: ['/dev/sda'] })).toContain("refused the 'devices' option: device mappings expose host devices");
    expect(await refused({ pid: 'host' })).toContain("refused the 'pid' option: sharing the host's");
    expect(await refused({ network: 'host' })).toContain("refused network 'host': the host's network namespace is refused");
    expect(await refused({ security_opt: ['seccomp=unconfined'] })).toContain("refused the 'security_opt' option");
  });

  it("refuses a bind mount of '/' even when '/' is an allowed root", async () => {
    expect(await refused({ mounts: [{ type: 'bind', source: '/', target: '/host' }] })).toBe(
      "plugin 'docker-mcp-tools': refused host path '/' (mounts[0].source): mounting or reading the host's root folder '/' is refused",
    );
  });

  it('refuses mounting the Docker socket or a folder holding it', async () => {
    expect(await refused({ mounts: [{ type: 'bind', source: '/var/run/docker.sock', target: '/s' }] })).toContain(
      "refused host path '/var/run/docker.sock' (mounts[0].source): it is, or holds, the Docker socket",
    );
    expect(await refused({ mounts: [{ type: 'bind', source: '/var/run', target: '/s' }] })).toContain('it is, or holds, the Docker socket');
    const copy = failure(await mcp.call('container_copy_in', { source: '/var/run/docker.sock', path: '/tmp', container: 'any' }));
    expect(copy).toEqual({ code: 'BERTH_DOCKER_POLICY_DENIED', message: expect.stringContaining("refused host path '/var/run/docker.sock' (source)") });
  });

  it('refuses a symlink inside an allowed root that leads out of it', async () => {
    await symlink('/etc', join(root, 'escape'));
    const narrow = await connect({ allowed_roots: [root] });
    try {
      const error = failure(await narrow.call('container_run', { image, command: ['true'], mounts: [{ type: 'bind', source: join(root, 'escape'), target: '/e' }] }));
      expect(error.code).toBe('BERTH_DOCKER_POLICY_DENIED');
      expect(error.message).toContain(`refused host path '${join(root, 'escape')}' (mounts[0].source): it is outside the allowed roots (${root})`);
    } finally {
      await narrow.close();
    }
  });

  it('refuses bind mounts outside the allowed roots, and images outside allowed_images', async () => {
    const narrow = await connect({ allowed_roots: [root] });
    try {
      const error = failure(await narrow.call('container_run', { image, command: ['true'], mounts: [{ type: 'bind', source: '/etc', target: '/e' }] }));
      expect(error.code).toBe('BERTH_DOCKER_POLICY_DENIED');
      expect(error.message).toBe(
        `plugin 'docker-mcp-tools': refused host path '/etc' (mounts[0].source): it is outside the allowed roots (${root}); add its folder to the allowed_roots setting`,
      );
    } finally {
      await narrow.close();
    }
    expect(await refused({ image: 'alpine:3' })).toContain("refused image 'alpine:3': it matches none of the allowed_images patterns (berth-test/*)");
  });

  it('refuses to touch a container it did not create', async () => {
    const foreign = await engine.createContainer({ Image: image, Cmd: ['sleep', '60'], Labels: labels });
    try {
      for (const tool of ['container_inspect', 'container_stop', 'container_remove', 'container_logs']) {
        const error = failure(await mcp.call(tool, { container: foreign.id }));
        expect(error.code).toBe('BERTH_DOCKER_POLICY_DENIED');
        expect(error.message).toContain(`refused container '${foreign.id}': it was not created by docker-mcp-tools`);
      }
      const exec = failure(await mcp.call('container_exec', { container: foreign.id, command: ['true'] }));
      expect(exec.message).toContain("and the scope is 'own'; set the scope setting to 'all'");
      expect((await foreign.inspect()).Id).toBe(foreign.id);
    } finally {
      await foreign.remove({ force: true });
    }
  });
});
