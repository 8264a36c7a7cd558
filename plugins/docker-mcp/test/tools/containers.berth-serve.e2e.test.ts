import { describe, expect, it } from 'vitest';
import { skipUnlessDocker } from '../../../../test/support/docker/index.js';
import { throughBerthServe } from '../support/berth-serve.js';
import { connect, data } from '../support/client.js';
import { containerSuite } from '../support/container-suite.js';

// Acceptance 1 through the real endpoint: the same container suite, the client talking to `berth serve --stdio`,
// which runs docker-mcp as an mcp plugin (settings and grants from its configuration).
containerSuite('docker-mcp containers through berth serve', throughBerthServe, 'serve');

const docker = await skipUnlessDocker();

describe.skipIf(!docker.available)('docker-mcp under berth serve', () => {
  it("talks to its own policy socket, never the host's Docker socket", async () => {
    const mcp = await connect({ docker_socket: '/var/run/docker.sock' }, throughBerthServe);
    try {
      const health = data(await mcp.call('system_health'));
      expect(health['reachable']).toBe(true);
      expect(health['endpoint']).not.toBe('/var/run/docker.sock');
      expect(String(health['endpoint'])).toMatch(/^\/.*berth-serve-dmcp-.*docker\.sock$/);
    } finally {
      await mcp.close();
    }
  });
});
