import { describe, expect, it } from 'vitest';
import { toBerthError } from '../src/docker/errors.js';

describe('engine failures as errors a user can act on', () => {
  it('an unreachable socket says where, why, and what to do', () => {
    const error = toBerthError(Object.assign(new Error('connect ECONNREFUSED /x.sock'), { code: 'ECONNREFUSED' }), 'container_list', '/x.sock');
    expect(error.code).toBe('BERTH_DOCKER_UNREACHABLE');
    expect(error.message).toBe("Docker is not reachable at /x.sock: ECONNREFUSED: connect ECONNREFUSED /x.sock. Start dockerd or set docker_socket (plugin 'docker-mcp-tools')");
  });
  it("the host policy socket's 502 is an unreachable engine too", () => {
    const error = toBerthError({ statusCode: 502, json: { message: 'Docker is not reachable at /var/run/docker.sock: connect ENOENT' } }, 'container_list', '/run/p.sock');
    expect(error.code).toBe('BERTH_DOCKER_UNREACHABLE');
    expect(error.message).toContain('Docker is not reachable at /run/p.sock: the Berth policy socket answered: Docker is not reachable at /var/run/docker.sock');
  });
  it('a name conflict names the holder', () => {
    const message = 'Conflict. The container name "/web" is already in use by container "0123456789abcdef0123". You have to remove (or rename) that container to be able to reuse that name.';
    const error = toBerthError({ statusCode: 409, json: { message } }, 'container_create', '/s');
    expect(error.code).toBe('BERTH_DOCKER_NAME_CONFLICT');
    expect(error.message).toBe("plugin 'docker-mcp-tools': the container name 'web' is already in use by container 0123456789abcdef0123. Choose another name or remove that container");
  });
});
