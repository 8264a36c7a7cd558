import type { ContainerCreateOptions } from 'dockerode';
import { WORKSPACE } from '../../sandbox.js';
import type { SandboxSpec } from '../../sandbox.js';

/** The command that keeps a sandbox container alive (its init, `Init: true`, reaps orphans). */
export const KEEPALIVE = ['sleep', '2147483647'];

/** Size of the private `/tmp` (a tmpfs, counted against the memory limit). */
const TMP_OPTIONS = 'rw,nosuid,nodev,size=256m,mode=1777';

const MIB = 1024 * 1024;

/**
 * The hardened `POST /containers/create` body of a sandbox: no network (unless `open`), read-only root filesystem,
 * a writable workspace (a fresh anonymous volume, or an allowed host folder) and a private `/tmp`, all capabilities
 * dropped, no new privileges, an unprivileged user, an init process, CPU, memory (no extra swap) and process limits.
 */
export function containerBody(spec: SandboxSpec): ContainerCreateOptions {
  const { limits } = spec;
  const workspace = spec.workspace !== undefined
    ? { Type: 'bind' as const, Source: spec.workspace.source, Target: WORKSPACE, ReadOnly: spec.workspace.mode === 'ro' }
    : { Type: 'volume' as const, Source: '', Target: WORKSPACE };
  return {
    name: `berth-sandbox-${spec.id}`,
    Image: spec.image,
    Entrypoint: [KEEPALIVE[0] ?? 'sleep'],
    Cmd: KEEPALIVE.slice(1),
    User: spec.user,
    WorkingDir: WORKSPACE,
    Env: Object.entries({ HOME: '/tmp', ...spec.env }).map(([k, v]) => `${k}=${v}`),
    Labels: { ...spec.labels },
    NetworkDisabled: limits.network === 'none',
    HostConfig: {
      Init: true,
      ReadonlyRootfs: true,
      CapDrop: ['ALL'],
      SecurityOpt: ['no-new-privileges'],
      NetworkMode: limits.network === 'none' ? 'none' : 'bridge',
      Memory: limits.memory_mb * MIB,
      MemorySwap: limits.memory_mb * MIB,
      NanoCpus: Math.round(limits.cpus * 1e9),
      PidsLimit: limits.pids,
      Tmpfs: { '/tmp': TMP_OPTIONS },
      Mounts: [workspace],
    },
  };
}
