import { DockerPolicyError } from '@berth/sdk';
import { PLUGIN_NAME } from '../settings.js';

/** Options no tool accepts, and why: each would hand the container power over the host. */
const REFUSED_OPTIONS: Readonly<Record<string, string>> = {
  privileged: 'a privileged container can take over the host; docker-mcp-tools never creates one',
  cap_add: 'added capabilities widen what the container may do to the host; docker-mcp-tools never adds any',
  capabilities: 'added capabilities widen what the container may do to the host; docker-mcp-tools never adds any',
  devices: 'device mappings expose host devices; docker-mcp-tools never maps any',
  device_requests: 'device requests expose host devices; docker-mcp-tools never maps any',
  pid: "sharing the host's (or another container's) pid namespace is refused",
  pid_mode: "sharing the host's (or another container's) pid namespace is refused",
  ipc: "sharing the host's ipc namespace is refused",
  ipc_mode: "sharing the host's ipc namespace is refused",
  uts: "sharing the host's uts namespace is refused",
  userns: "sharing the host's user namespace is refused",
  security_opt: 'security options (seccomp/apparmor unconfined, label disable) weaken confinement and are refused',
  cgroup_parent: 'a custom cgroup parent escapes the engine-managed cgroup and is refused',
  volumes_from: "mounting another container's volumes is refused",
  sysctls: 'kernel parameters are refused',
  runtime: 'choosing another container runtime is refused',
};

/** Network modes that join a namespace outside the container. */
function refusedNetwork(network: unknown): string | undefined {
  if (typeof network !== 'string') return undefined;
  if (network === 'host') return "the host's network namespace is refused; use a bridge network (the default) or one you created";
  if (network.startsWith('container:')) return "joining another container's network namespace is refused";
  return undefined;
}

/**
 * Refuses options that would give a container power over the host (privileged, capabilities, devices, host
 * namespaces, security options…), before anything reaches the engine. Throws {@link DockerPolicyError}.
 */
export function refuseDangerousOptions(args: Readonly<Record<string, unknown>>): void {
  for (const [field, why] of Object.entries(REFUSED_OPTIONS)) {
    const value = args[field];
    if (value === undefined || value === null || value === false || (Array.isArray(value) && value.length === 0)) continue;
    throw new DockerPolicyError(PLUGIN_NAME, `the '${field}' option`, why, field);
  }
  const network = refusedNetwork(args['network']);
  if (network !== undefined) throw new DockerPolicyError(PLUGIN_NAME, `network '${String(args['network'])}'`, network, 'network');
}

/** True when `image` matches `pattern` (`*` matches any run of characters; a pattern without a tag matches any tag). */
export function imageMatches(image: string, pattern: string): boolean {
  const withTag = /:[^/]+$/.test(image) || image.includes('@') ? image : `${image}:latest`;
  const regex = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\/]/g, '\\$&')).join('.*')}$`);
  return regex.test(image) || regex.test(withTag) || regex.test(withTag.replace(/:[^/:]+$/, ''));
}

/** Refuses an image outside the `allowed_images` patterns (an empty list allows any). */
export function assertImageAllowed(image: string, allowedImages: readonly string[]): void {
  if (allowedImages.length === 0 || allowedImages.some((p) => imageMatches(image, p))) return;
  throw new DockerPolicyError(
    PLUGIN_NAME,
    `image '${image}'`,
    `it matches none of the allowed_images patterns (${allowedImages.join(', ')}); add a pattern to allowed_images`,
    'image',
  );
}
