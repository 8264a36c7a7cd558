import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { JsonValue } from '@berth/sdk';
import { skipUnlessDocker } from '../../../../test/support/docker/skip-unless-docker.js';
import { ensureNodeImage, NODE_IMAGE } from '../../../../test/support/docker/node-image.js';

const run = promisify(execFile);

/** A backend under test, and the settings that select it. */
export interface BackendCase {
  readonly name: 'docker' | 'bwrap';
  /** Why the cases are skipped here, if they are. */
  readonly skip?: string;
  readonly settings: Record<string, JsonValue>;
}

/** The Docker case (the node image built locally) — skipped with a reason when no engine answers (fails under CI=true). */
export async function dockerCase(): Promise<BackendCase> {
  const docker = await skipUnlessDocker();
  if (!docker.available) return { name: 'docker', skip: docker.reason ?? 'no Docker', settings: {} };
  await ensureNodeImage();
  return { name: 'docker', settings: { backend: 'docker', default_image: NODE_IMAGE } };
}

/** The bubblewrap case — skipped with a reason when bwrap or prlimit is missing (fails under CI=true). */
export async function bwrapCase(): Promise<BackendCase> {
  const missing = await run('sh', ['-c', 'command -v bwrap && command -v prlimit']).then(() => undefined, () => 'bwrap or prlimit is not installed');
  if (missing !== undefined) {
    if (process.env['CI'] === 'true') throw new Error(`CI=true but ${missing}`);
    console.warn(`bubblewrap tests skipped: ${missing}`);
    return { name: 'bwrap', skip: missing, settings: {} };
  }
  return { name: 'bwrap', settings: { backend: 'bwrap' } };
}

/** The sandbox ids (`berth.sandbox`) of this plugin's labelled containers still there (any owner, or one). */
export async function labelledContainers(owner?: string): Promise<string[]> {
  const filters = ['--filter', 'label=berth.plugin=sandbox-manager', ...(owner !== undefined ? ['--filter', `label=berth.sandbox-owner=${owner}`] : [])];
  const { stdout } = await run('docker', ['ps', '-a', '--format', '{{.Label "berth.sandbox"}}', ...filters]);
  return stdout.split('\n').filter((l) => l !== '');
}
