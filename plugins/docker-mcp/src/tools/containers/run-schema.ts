import { Props } from '../tool.js';

/** The properties `container_create` and `container_run` share. */
export const createProperties: Record<string, unknown> = {
  image: { type: 'string', minLength: 1, description: 'Image reference, e.g. alpine:3.20' },
  name: { type: 'string', pattern: '^[a-zA-Z0-9][a-zA-Z0-9_.-]*$', description: 'Container name' },
  command: Props.command,
  entrypoint: { type: 'array', items: { type: 'string' }, description: 'Entrypoint override (argv)' },
  env: { ...Props.stringMap, description: 'Environment variables (name → value)' },
  ports: {
    type: 'array',
    description: 'Published ports',
    items: {
      type: 'object',
      additionalProperties: false,
      required: ['container'],
      properties: {
        container: { type: 'integer', minimum: 1, maximum: 65535 },
        host: { type: 'integer', minimum: 0, maximum: 65535, description: 'Host port (0 or absent: any free port)' },
        protocol: { enum: ['tcp', 'udp'] },
        host_ip: { type: 'string', description: 'Host address to bind (default 127.0.0.1)' },
      },
    },
  },
  mounts: {
    type: 'array',
    description: 'Mounts: bind (host folder inside allowed_roots), volume (named volume) or tmpfs',
    items: {
      type: 'object',
      additionalProperties: false,
      required: ['type', 'target'],
      properties: {
        type: { enum: ['bind', 'volume', 'tmpfs'] },
        source: { type: 'string', description: 'Host path (bind) or volume name (volume)' },
        target: { type: 'string', pattern: '^/', description: 'Path inside the container' },
        read_only: { type: 'boolean' },
      },
    },
  },
  working_dir: { type: 'string', pattern: '^/' },
  user: { type: 'string', description: 'user[:group] to run as' },
  cpus: { type: 'number', exclusiveMinimum: 0, maximum: 1024, description: 'CPU limit (e.g. 0.5)' },
  memory_mb: { type: 'integer', minimum: 6, description: 'Memory limit in MiB' },
  pids_limit: { type: 'integer', minimum: 1 },
  network: { type: 'string', description: "Network to join: 'bridge' (default), 'none', or a network this plugin created" },
  auto_remove: { type: 'boolean', description: 'Remove the container when it exits (docker run --rm)' },
  read_only_rootfs: { type: 'boolean' },
  labels: Props.labels,
  pull: { enum: ['missing', 'never'], description: "Pull the image when missing (default) or never" },
};

/** The arguments of `container_create` (and the creation part of `container_run`). */
export interface CreateArgs {
  readonly image: string;
  readonly name?: string;
  readonly command?: readonly string[] | string;
  readonly entrypoint?: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  readonly ports?: readonly { container: number; host?: number; protocol?: 'tcp' | 'udp'; host_ip?: string }[];
  readonly mounts?: readonly { type: 'bind' | 'volume' | 'tmpfs'; source?: string; target: string; read_only?: boolean }[];
  readonly working_dir?: string;
  readonly user?: string;
  readonly cpus?: number;
  readonly memory_mb?: number;
  readonly pids_limit?: number;
  readonly network?: string;
  readonly auto_remove?: boolean;
  readonly read_only_rootfs?: boolean;
  readonly labels?: Readonly<Record<string, string>>;
  readonly pull?: 'missing' | 'never';
}
