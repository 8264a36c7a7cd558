import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Whether the Docker tests can run here, and if not, why. */
export interface DockerAvailability {
  /** True when `docker info` answered. */
  readonly available: boolean;
  /** Why the tests are skipped, when they are. */
  readonly reason?: string;
}

/**
 * Probes the local Docker engine. When it does not answer, the Docker tests are skipped with a visible reason —
 * except under `CI=true`, where a missing engine fails the run (this function throws).
 */
export async function skipUnlessDocker(): Promise<DockerAvailability> {
  try {
    await run('docker', ['info', '--format', '{{.ServerVersion}}'], { timeout: 15_000 });
    return { available: true };
  } catch (error) {
    const reason = `Docker tests skipped: no Docker engine answers (${(error as Error).message.split('\n')[0]}). Start dockerd to run them.`;
    if (process.env['CI'] === 'true') throw new Error(`CI=true but ${reason}`);
    console.warn(reason);
    return { available: false, reason };
  }
}
