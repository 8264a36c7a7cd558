import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, copyFile, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The tag of the local busybox image the Docker tests use (built, never pulled). */
export const BUSYBOX_IMAGE = 'berth-test/busybox:latest';

/** Where Debian's `busybox-static` installs its binary. */
const BUSYBOX_BINARY = '/bin/busybox';

/** The applets linked into the image; enough for the suites (`sh`, `sleep`, `cat`, …). */
const APPLETS = ['sh', 'true', 'false', 'sleep', 'cat', 'echo', 'ls', 'mkdir', 'env', 'id', 'pwd', 'printf', 'head', 'wc', 'yes', 'seq', 'rm', 'touch', 'grep', 'top', 'ps', 'tail', 'dd'];

/** True when the image `tag` exists in the local engine. */
async function imageExists(tag: string, env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  try {
    await run('docker', ['image', 'inspect', tag], { env });
    return true;
  } catch {
    return false;
  }
}

/**
 * Builds {@link BUSYBOX_IMAGE} with `docker import` of a tarball holding Debian's static busybox and symlinks for
 * its common applets, unless it exists already. Never pulls. Safe to call from several test files at once.
 * `dockerHost` builds it in another engine (a `DOCKER_HOST` address) than the docker CLI's default.
 */
export async function ensureBusyboxImage(tag: string = BUSYBOX_IMAGE, dockerHost?: string): Promise<string> {
  const env = dockerHost !== undefined ? { ...process.env, DOCKER_HOST: dockerHost } : process.env;
  if (await imageExists(tag, env)) return tag;
  const root = await mkdtemp(join(tmpdir(), 'berth-busybox-'));
  try {
    const rootfs = join(root, 'rootfs');
    await mkdir(join(rootfs, 'bin'), { recursive: true });
    await mkdir(join(rootfs, 'tmp'), { recursive: true });
    await chmod(join(rootfs, 'tmp'), 0o1777);
    await copyFile(BUSYBOX_BINARY, join(rootfs, 'bin', 'busybox'));
    await chmod(join(rootfs, 'bin', 'busybox'), 0o755);
    for (const applet of APPLETS) await symlink('busybox', join(rootfs, 'bin', applet));
    const tarball = join(root, 'busybox.tar');
    await run('tar', ['-C', rootfs, '-cf', tarball, '.']);
    await run('docker', ['import', '--change', 'ENV PATH=/bin', '--change', 'CMD ["sh"]', tarball, tag], { env });
    return tag;
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
