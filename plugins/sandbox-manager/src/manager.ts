import { randomBytes } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { SandboxNotFoundError, SandboxPathDeniedError } from '@berth/sdk';
import type { BackendKind, SandboxBackend } from './backends/backend.js';
import { Expiry } from './expiry.js';
import { sandboxLabels, userLabels } from './labels.js';
import { assertWithin, resolveLimits, templateOf } from './limits.js';
import type { LimitRequest } from './limits.js';
import type { SandboxLimits, SandboxSpec, WorkspaceMount } from './sandbox.js';
import { PLUGIN_NAME } from './settings.js';
import type { SandboxSettings } from './settings.js';

/** What `create` asks for. */
export interface CreateRequest extends LimitRequest {
  readonly image?: string;
  readonly template?: string;
  readonly workspace?: { readonly path: string; readonly mode?: 'ro' | 'rw' };
  readonly env?: Readonly<Record<string, string>>;
  readonly labels?: Readonly<Record<string, string>>;
}

/** A sandbox this plugin manages. */
export interface SandboxRecord {
  readonly id: string;
  readonly backend: BackendKind;
  /** The engine it runs on: a `docker_engines` name, `default` (the one Docker engine), or `host` (bubblewrap). */
  readonly engine: string;
  readonly image: string;
  readonly limits: SandboxLimits;
  readonly user: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly workspace?: WorkspaceMount;
  readonly created: Date;
  /** When its lifetime ends. */
  expires: Date;
  /** The last time a tool used it. */
  lastUsed: Date;
  /** True when it was adopted from a previous run. */
  readonly adopted: boolean;
  /** Commands running in it now (an idle deadline does not pass while one runs). */
  busy: number;
}

/** The engine name a record shows (see {@link SandboxRecord.engine}). */
export function engineName(backend: SandboxBackend, id: string): string {
  return backend.engineOf?.(id) ?? (backend.kind === 'docker' ? 'default' : 'host');
}

/** Checks that a host folder lies inside one of the allowed roots (after resolving symlinks). */
function allowedWorkspace(path: string, mode: 'ro' | 'rw', roots: readonly string[]): WorkspaceMount {
  if (!isAbsolute(path)) throw new SandboxPathDeniedError(PLUGIN_NAME, path, 'a workspace folder must be an absolute host path');
  let real: string;
  try {
    real = realpathSync(path);
  } catch {
    throw new SandboxPathDeniedError(PLUGIN_NAME, path, 'the folder does not exist on the host');
  }
  const inside = roots.some((root) => {
    const rel = relative(realpathSync.native(resolve(root)), real);
    return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
  });
  if (!inside) {
    const list = roots.length > 0 ? roots.join(', ') : 'none';
    throw new SandboxPathDeniedError(PLUGIN_NAME, path, `it is outside the allowed roots (${list}); add a parent folder to the setting 'allowed_roots', or omit workspace for a fresh one`);
  }
  return { source: real, mode };
}

/**
 * The sandboxes of one plugin run: creates them on the backend, finds them by id, keeps their lifetime and idle
 * timers (which destroy them even if nobody calls again), and destroys them.
 */
export class SandboxManager {
  readonly #sandboxes = new Map<string, SandboxRecord>();
  readonly #expiry: Expiry;
  /** Creations under way (they count against max_sandboxes). */
  #creating = 0;

  /**
   * @param backend - where sandboxes run
   * @param settings - the plugin's settings
   * @param owner - this installation's owner tag (a label on every sandbox)
   * @param onExpired - told when a timer destroyed a sandbox
   */
  constructor(
    readonly backend: SandboxBackend,
    readonly settings: SandboxSettings,
    readonly owner: string,
    onExpired: (id: string, why: string) => void = () => undefined,
  ) {
    this.#expiry = new Expiry((id) => this.#sandboxes.get(id), async (id, why) => {
      await this.destroy(id).catch(() => undefined);
      onExpired(id, why);
    });
  }

  /** The sandbox `id`, marked as used now; throws an error listing the known ids when there is none. */
  use(id: string): SandboxRecord {
    const record = this.#sandboxes.get(id);
    if (record === undefined) throw new SandboxNotFoundError(PLUGIN_NAME, id, [...this.#sandboxes.keys()]);
    record.lastUsed = new Date();
    this.#expiry.schedule(record);
    return record;
  }

  /** Runs `work` with the sandbox marked busy (its idle deadline waits), and marks it used at both ends. */
  async while<T>(id: string, work: (record: SandboxRecord) => Promise<T>): Promise<T> {
    const record = this.use(id);
    record.busy += 1;
    try {
      return await work(record);
    } finally {
      record.busy -= 1;
      if (this.#sandboxes.has(id)) this.use(id);
    }
  }

  /** Every sandbox, oldest first. */
  list(): SandboxRecord[] {
    return [...this.#sandboxes.values()];
  }

  /** Creates a sandbox within the caps of the settings. */
  async create(request: CreateRequest): Promise<SandboxRecord> {
    const { settings } = this;
    assertWithin('sandboxes', this.#sandboxes.size + this.#creating + 1, settings.max_sandboxes, 'max_sandboxes');
    this.#creating += 1;
    try {
      return await this.#create(request);
    } finally {
      this.#creating -= 1;
    }
  }

  async #create(request: CreateRequest): Promise<SandboxRecord> {
    const { settings } = this;
    const template = templateOf(settings, request.template);
    const limits = resolveLimits(request, template, settings);
    const workspace = request.workspace !== undefined ? allowedWorkspace(request.workspace.path, request.workspace.mode ?? 'ro', settings.allowed_roots) : undefined;
    const id = `sb-${randomBytes(5).toString('hex')}`;
    const now = new Date();
    const expires = new Date(now.getTime() + limits.lifetime_seconds * 1000);
    const image = this.backend.kind === 'bwrap' ? 'host' : (request.image ?? template.image ?? settings.default_image);
    const spec: SandboxSpec = {
      id,
      image,
      limits,
      env: { ...template.env, ...request.env },
      user: settings.user,
      labels: sandboxLabels(id, this.owner, expires, limits.idle_timeout_seconds, settings.user, request.labels),
      ...(workspace !== undefined ? { workspace } : {}),
    };
    await this.backend.create(spec);
    const record: SandboxRecord = { id, backend: this.backend.kind, engine: engineName(this.backend, id), image, limits, user: settings.user, labels: spec.labels, created: now, expires, lastUsed: now, adopted: false, busy: 0, ...(workspace !== undefined ? { workspace } : {}) };
    this.#sandboxes.set(id, record);
    this.#expiry.schedule(record);
    return record;
  }

  /** Takes over a sandbox a previous run left (its timers restart from its labels). */
  adopt(record: SandboxRecord): void {
    this.#sandboxes.set(record.id, record);
    this.#expiry.schedule(record);
  }

  /** Moves a sandbox's end of life to `seconds` from now, within `max_lifetime_seconds` of its creation. */
  extend(id: string, seconds: number): SandboxRecord {
    const record = this.use(id);
    const total = Math.ceil((Date.now() + seconds * 1000 - record.created.getTime()) / 1000);
    assertWithin('lifetime_seconds', total, this.settings.max_lifetime_seconds, 'max_lifetime_seconds', ' s');
    record.expires = new Date(Date.now() + seconds * 1000);
    this.#expiry.schedule(record);
    return record;
  }

  /** Destroys a sandbox (known or not: a leftover id is destroyed on the backend too). */
  async destroy(id: string): Promise<void> {
    this.#expiry.cancel(id);
    this.#sandboxes.delete(id);
    await this.backend.destroy(id);
  }

  /** Stops every timer; destroys every sandbox unless `keep`. */
  async close(keep: boolean): Promise<void> {
    this.#expiry.stop();
    if (!keep) await Promise.all([...this.#sandboxes.keys()].map((id) => this.destroy(id).catch(() => undefined)));
    await this.backend.close?.();
  }

  /** The user labels of a record (for display). */
  static userLabels(record: SandboxRecord): Record<string, string> {
    return userLabels(record.labels);
  }
}
