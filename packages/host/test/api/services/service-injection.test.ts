import { createServiceRef, ErrorCodes, PermissionDeniedError, ServiceNotDeclaredError, ServiceUnavailableError } from '@berth/sdk';
import { describe, expect, it } from 'vitest';
import { contextFor, sleep, testApi } from '../api-fixtures.js';

interface Docker {
  ps(): Promise<string[]>;
  slow(): Promise<string>;
}

const DockerRef = createServiceRef<Docker>({ id: 'docker.api', permission: 'docker.access' });

/** A docker plugin providing the service, and the api. */
function setUp(grants: Record<string, readonly string[]>) {
  const api = testApi(grants);
  const provider = contextFor(api, 'docker');
  provider.context.services.provide(DockerRef, {
    ps: async () => ['web'],
    slow: () => new Promise<string>(() => {}),
  });
  return { api, provider };
}

describe('service injection', () => {
  it('a granted service works, for a plugin that declares the provider as a dependency', async () => {
    const { api } = setUp({ ops: ['docker.access'] });
    const docker = contextFor(api, 'ops', ['docker']).context.services.get(DockerRef);
    expect(await docker.ps()).toEqual(['web']);
  });

  it('hands one consumer the same proxy every time (nothing grows per call)', () => {
    const { api } = setUp({ ops: ['docker.access'] });
    const ops = contextFor(api, 'ops', ['docker']).context;
    expect(ops.services.get(DockerRef)).toBe(ops.services.get(DockerRef));
  });

  it("an ungranted one throws PermissionDeniedError naming plugin, service, permission and the grant command", () => {
    const { api } = setUp({});
    const ops = contextFor(api, 'ops', ['docker']).context;
    let error: unknown;
    try {
      ops.services.get(DockerRef);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PermissionDeniedError);
    expect((error as PermissionDeniedError).code).toBe(ErrorCodes.PERMISSION_DENIED);
    expect((error as PermissionDeniedError).message).toBe(
      "plugin 'ops' needs permission 'docker.access' to reach service 'docker.api', which is not granted (run: berth permissions grant ops docker.access)",
    );
  });

  it("checks the provider's permission even when the consumer forges a ref without one", () => {
    const { api } = setUp({});
    const forged = createServiceRef<Docker>({ id: 'docker.api' });
    expect(() => contextFor(api, 'ops', ['docker']).context.services.get(forged)).toThrow(PermissionDeniedError);
  });

  it('refuses a consumer that does not declare the provider in dependencies', () => {
    const { api } = setUp({ ops: ['docker.access'] });
    let error: unknown;
    try {
      contextFor(api, 'ops').context.services.get(DockerRef);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ServiceNotDeclaredError);
    expect((error as ServiceNotDeclaredError).code).toBe(ErrorCodes.SERVICE_NOT_DECLARED);
    expect((error as ServiceNotDeclaredError).message).toBe(
      "plugin 'ops' cannot use service 'docker.api' of plugin 'docker': 'docker' is not in the \"dependencies\" of ops's plugin.json (add \"docker\": \"*\" or a version range)",
    );
  });

  it('consumers of a stopped provider are told, and their calls (new and in flight) fail at once instead of hanging', async () => {
    const { api, provider } = setUp({ ops: ['docker.access'] });
    const ops = contextFor(api, 'ops', ['docker']).context;
    const told: unknown[] = [];
    ops.events.on('service:unavailable', (p) => void told.push(p));
    const docker = ops.services.get(DockerRef);
    const inFlight = docker.slow();
    await sleep(5);
    provider.dispose();
    const message = "plugin 'ops' cannot use service 'docker.api': plugin 'docker' that provides it stopped";
    await expect(inFlight).rejects.toMatchObject({ code: ErrorCodes.SERVICE_UNAVAILABLE, message });
    const later = docker.ps().catch((e: unknown) => e);
    expect(await later).toBeInstanceOf(ServiceUnavailableError);
    expect((await later as ServiceUnavailableError).message).toBe(message);
    expect(told).toEqual([{ service: 'docker.api', provider: 'docker' }]);
    expect(() => ops.services.get(DockerRef)).toThrow(
      "plugin 'ops' cannot use service 'docker.api': no running plugin provides it (is the providing plugin started?)",
    );
  });

  it('refuses a plugin providing a host (berth.*) service or one another plugin already provides', () => {
    const { api } = setUp({});
    const evil = contextFor(api, 'evil').context;
    expect(() => evil.services.provide(createServiceRef<object>({ id: 'berth.tools' }), {})).toThrow(
      "plugin 'evil' cannot provide service 'berth.tools': ids starting with 'berth.' belong to the host",
    );
    expect(() => evil.services.provide(DockerRef, { ps: async () => [], slow: async () => '' })).toThrow(
      "plugin 'evil' cannot register service 'docker.api': plugin 'docker' already registered it",
    );
  });
});
