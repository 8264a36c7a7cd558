import { describe, expect, it } from 'vitest';
import { readSettings } from '../src/settings.js';
import { endpointFor } from '../src/docker/endpoint.js';

describe('settings from the environment Berth gives an mcp plugin', () => {
  it('uses the manifest defaults', () => {
    expect(readSettings({})).toEqual({ dockerSocket: '/var/run/docker.sock', readOnly: false, allowedImages: [], allowedRoots: [], scope: 'own', outputCapBytes: 65536 });
  });
  it('reads BERTH_SETTINGS, and BERTH_SETTING_<NAME> wins', () => {
    const env = {
      BERTH_SETTINGS: JSON.stringify({ docker_socket: '/run/berth/docker.sock', read_only: true, allowed_roots: ['/a'], scope: 'all' }),
      BERTH_SETTING_ALLOWED_ROOTS: '/b,/c',
      BERTH_SETTING_OUTPUT_CAP_BYTES: '2048',
    };
    expect(readSettings(env)).toMatchObject({ dockerSocket: '/run/berth/docker.sock', readOnly: true, allowedRoots: ['/b', '/c'], scope: 'all', outputCapBytes: 2048 });
  });
  it('honours docker_host and DOCKER_HOST over the socket', () => {
    expect(endpointFor(readSettings({ DOCKER_HOST: 'tcp://10.0.0.5:2375' })).options).toMatchObject({ protocol: 'http', host: '10.0.0.5', port: 2375 });
    expect(endpointFor(readSettings({ BERTH_SETTING_DOCKER_HOST: 'unix:///tmp/d.sock', DOCKER_HOST: 'tcp://x:1' })).options).toEqual({ socketPath: '/tmp/d.sock' });
  });
});
