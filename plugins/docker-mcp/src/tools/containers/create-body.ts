import type Docker from 'dockerode';
import { DockerPolicyError } from '@berth/sdk';
import { labelsFor } from '../../policy/labels.js';
import { assertHostPathAllowed } from '../../policy/mount-guard.js';
import { assertImageAllowed } from '../../policy/run-guard.js';
import { PLUGIN_NAME } from '../../settings.js';
import { ownedNetwork, ownedVolume } from '../ownership.js';
import type { ToolContext } from '../tool.js';
import type { CreateArgs } from './run-schema.js';

/** Networks every container may join. */
const BUILT_IN_NETWORKS = new Set(['bridge', 'default', 'none']);

/** A command as argv: a string runs under `sh -c`. */
export function argv(command: readonly string[] | string): string[] {
  return typeof command === 'string' ? ['sh', '-c', command] : [...command];
}

/** Port bindings and exposed ports; host ports bind to 127.0.0.1 unless another address is given. */
function ports(args: CreateArgs): { exposed: Record<string, object>; bindings: Record<string, { HostIp: string; HostPort: string }[]> } {
  const exposed: Record<string, object> = {};
  const bindings: Record<string, { HostIp: string; HostPort: string }[]> = {};
  for (const port of args.ports ?? []) {
    const key = `${port.container}/${port.protocol ?? 'tcp'}`;
    exposed[key] = {};
    (bindings[key] ??= []).push({ HostIp: port.host_ip ?? '127.0.0.1', HostPort: port.host !== undefined && port.host > 0 ? String(port.host) : '' });
  }
  return { exposed, bindings };
}

/** Docker `Mounts`, after the policy: bind sources inside allowed roots, volumes owned (or created here). */
async function mounts(args: CreateArgs, context: ToolContext): Promise<object[]> {
  const result: object[] = [];
  for (const [index, mount] of (args.mounts ?? []).entries()) {
    const field = `mounts[${index}].source`;
    if (mount.type === 'tmpfs') {
      result.push({ Type: 'tmpfs', Target: mount.target, ReadOnly: mount.read_only ?? false });
      continue;
    }
    if (mount.source === undefined || mount.source === '') {
      throw new DockerPolicyError(PLUGIN_NAME, `a ${mount.type} mount without a source`, `give ${field}`, field);
    }
    if (mount.type === 'bind') {
      const source = assertHostPathAllowed(mount.source, field, context.settings.allowedRoots, context.protectedSockets);
      result.push({ Type: 'bind', Source: source, Target: mount.target, ReadOnly: mount.read_only ?? false });
      continue;
    }
    await ensureVolume(context, mount.source);
    result.push({ Type: 'volume', Source: mount.source, Target: mount.target, ReadOnly: mount.read_only ?? false });
  }
  return result;
}

/** A named volume exists and may be used: an owned one, or one created now with this plugin's labels. */
async function ensureVolume(context: ToolContext, name: string): Promise<void> {
  try {
    await ownedVolume(context, name);
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode !== 404) throw error;
    await context.docker.createVolume({ Name: name, Labels: labelsFor(context.session) });
  }
}

/** The network to join, after checking the scope allows it. */
async function networkMode(args: CreateArgs, context: ToolContext): Promise<string | undefined> {
  if (args.network === undefined || BUILT_IN_NETWORKS.has(args.network)) return args.network;
  await ownedNetwork(context, args.network);
  return args.network;
}

/**
 * The Engine API body of `POST /containers/create` for `args`, after the policy: allowed image, allowed mounts,
 * an allowed network, this plugin's labels — and never privileged, capabilities, devices or host namespaces.
 */
export async function createBody(args: CreateArgs, context: ToolContext): Promise<Docker.ContainerCreateOptions> {
  assertImageAllowed(args.image, context.settings.allowedImages);
  const { exposed, bindings } = ports(args);
  const network = await networkMode(args, context);
  return {
    Image: args.image,
    ...(args.name !== undefined ? { name: args.name } : {}),
    ...(args.command !== undefined ? { Cmd: argv(args.command) } : {}),
    ...(args.entrypoint !== undefined ? { Entrypoint: [...args.entrypoint] } : {}),
    Env: Object.entries(args.env ?? {}).map(([k, v]) => `${k}=${v}`),
    ...(args.working_dir !== undefined ? { WorkingDir: args.working_dir } : {}),
    ...(args.user !== undefined ? { User: args.user } : {}),
    ExposedPorts: exposed,
    Labels: labelsFor(context.session, args.labels),
    HostConfig: {
      AutoRemove: args.auto_remove ?? false,
      Privileged: false,
      CapDrop: ['NET_RAW', 'MKNOD', 'AUDIT_WRITE', 'SYS_CHROOT'],
      SecurityOpt: ['no-new-privileges'],
      PortBindings: bindings,
      Mounts: (await mounts(args, context)) as Docker.MountSettings[],
      ...(network !== undefined ? { NetworkMode: network } : {}),
      ...(args.cpus !== undefined ? { NanoCpus: Math.round(args.cpus * 1e9) } : {}),
      ...(args.memory_mb !== undefined ? { Memory: args.memory_mb * 1024 * 1024 } : {}),
      ...(args.pids_limit !== undefined ? { PidsLimit: args.pids_limit } : {}),
      ReadonlyRootfs: args.read_only_rootfs ?? false,
      Init: false,
    },
  };
}
