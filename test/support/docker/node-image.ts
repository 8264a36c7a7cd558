import { execFile } from 'node:child_process';
import { chmod, copyFile, mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The tag of the local Node image the sandbox tests use (built, never pulled). */
export const NODE_IMAGE = 'berth-test/node:20';

/** True when the image `tag` exists in the local engine. */
async function imageExists(tag: string, env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  return run('docker', ['image', 'inspect', tag], { env }).then(() => true, () => false);
}

/** The shared libraries `ldd` lists for `binary` (absolute paths, the loader included). */
async function libraries(binary: string): Promise<string[]> {
  const { stdout } = await run('ldd', [binary]);
  return [...stdout.matchAll(/(\/[^\s)]+)/g)].map((m) => m[1] as string);
}

/** Copies `file` to the same path under `rootfs` (following symlinks). */
async function copyInto(rootfs: string, file: string): Promise<void> {
  await mkdir(join(rootfs, dirname(file)), { recursive: true });
  await copyFile(await realpath(file), join(rootfs, file));
  await chmod(join(rootfs, file), 0o755);
}

/**
 * Builds {@link NODE_IMAGE} with `docker import` of a tarball holding this machine's `node` binary, the libraries
 * `ldd` lists for it, and Debian's static busybox with every applet (so `sh`, `sleep`, `chmod`, `rm`, `kill` exist),
 * unless it exists already. Never pulls. Safe to call from several test files at once. `dockerHost` builds it in
 * another engine (a `DOCKER_HOST` address) than the docker CLI's default.
 */
export async function ensureNodeImage(tag: string = NODE_IMAGE, dockerHost?: string): Promise<string> {
  const env = dockerHost !== undefined ? { ...process.env, DOCKER_HOST: dockerHost } : process.env;
  if (await imageExists(tag, env)) return tag;
  const root = await mkdtemp(join(tmpdir(), 'berth-node-image-'));
  try {
    const rootfs = join(root, 'rootfs');
    for (const folder of ['bin', 'tmp', 'etc', 'usr/bin']) await mkdir(join(rootfs, folder), { recursive: true });
    await chmod(join(rootfs, 'tmp'), 0o1777);
    const node = await realpath((await run('sh', ['-c', 'command -v node'])).stdout.trim());
    await copyInto(rootfs, node);
    if (node !== '/usr/bin/node') await symlink(node, join(rootfs, 'usr/bin/node'));
    for (const lib of await libraries(node)) await copyInto(rootfs, lib);
    await copyFile('/bin/busybox', join(rootfs, 'bin', 'busybox'));
    await chmod(join(rootfs, 'bin', 'busybox'), 0o755);
    const applets = (await run('/bin/busybox', ['--list'])).stdout.split('\n').filter((a) => a !== '' && a !== 'busybox');
    for (const applet of applets) await symlink('busybox', join(rootfs, 'bin', applet));
    await writeFile(join(rootfs, 'etc/passwd'), 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/sh\n');
    await writeFile(join(rootfs, 'etc/group'), 'root:x:0:\nnogroup:x:65534:\n');
    const tarball = join(root, 'node.tar');
    await run('tar', ['-C', rootfs, '-cf', tarball, '.']);
    await run('docker', ['import', '--change', 'ENV PATH=/usr/bin:/bin', '--change', 'CMD ["sh"]', tarball, tag], { env });
    return tag;
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
