import { randomInt } from 'node:crypto';
import { chmodSync, chownSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { readFile, readdir, rm, rmdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SandboxSpec } from '../../sandbox.js';

/** What the bubblewrap backend keeps of one sandbox (its `sandbox.json`). */
export interface BwrapSandbox {
  readonly spec: SandboxSpec;
  /** The host user its commands run as (when the plugin runs as root), else undefined. */
  readonly hostUid?: number;
}

/** The name prefix of a removed sandbox's folder awaiting deletion. */
const TRASH = '.trash-';

/** The first host uid handed to sandboxes, and how many there are. */
const UID_BASE = 200_000;
const UID_RANGE = 60_000;

/** The sandboxes' folders under one root: `<root>/<id>/{workspace,tmp,sandbox.json}`. */
export class BwrapStore {
  /** Host uids in use here (loaded from the records once). */
  #uids: Set<number> | undefined;
  #rootReady = false;
  /** Background deletions, in order. */
  #pending: Promise<void> = Promise.resolve();

  /** @param root - the folder holding every sandbox's folder */
  constructor(readonly root: string) {}

  /** The folder of a sandbox. */
  dir(id: string): string {
    return join(this.root, id);
  }

  /** The writable workspace of a sandbox. */
  workspace(id: string): string {
    return join(this.dir(id), 'workspace');
  }

  /** The private `/tmp` of a sandbox. */
  tmp(id: string): string {
    return join(this.dir(id), 'tmp');
  }

  /** A host uid no other sandbox here uses. */
  async #freeUid(): Promise<number> {
    this.#uids ??= new Set((await this.all()).flatMap((s) => (s.hostUid !== undefined ? [s.hostUid] : [])));
    for (;;) {
      const uid = UID_BASE + randomInt(UID_RANGE);
      if (!this.#uids.has(uid)) {
        this.#uids.add(uid);
        return uid;
      }
    }
  }

  /**
   * Makes a sandbox's folders (owned by its host user when there is one) and records it. A fixed handful of small
   * calls, made synchronously: cheaper than as many trips through the thread pool.
   */
  async create(spec: SandboxSpec, ownUser: boolean): Promise<BwrapSandbox> {
    const record: BwrapSandbox = { spec, ...(ownUser ? { hostUid: await this.#freeUid() } : {}) };
    this.#makeSandboxDir(spec.id);
    for (const folder of [this.workspace(spec.id), this.tmp(spec.id)]) {
      mkdirSync(folder, { mode: 0o700 });
      if (record.hostUid !== undefined) chownSync(folder, record.hostUid, record.hostUid);
      else chmodSync(folder, 0o777);
    }
    writeFileSync(join(this.dir(spec.id), 'sandbox.json'), JSON.stringify(record), { mode: 0o600 });
    return record;
  }

  /**
   * Makes `<root>/<id>`. The root is removed in the background once its last sandbox is gone, so it may vanish
   * between a check and the mkdir: make it again and retry (once the sandbox folder exists, the root is not empty
   * and cannot be removed).
   */
  #makeSandboxDir(id: string): void {
    for (let attempt = 0; ; attempt++) {
      if (!this.#rootReady || attempt > 0) {
        mkdirSync(this.root, { recursive: true, mode: 0o711 });
        chmodSync(this.root, 0o711);
        this.#rootReady = true;
      }
      try {
        mkdirSync(this.dir(id), { mode: 0o711 });
        return;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || attempt >= 3) throw error;
      }
    }
  }

  /** Replaces a sandbox's record (e.g. new labels). */
  async save(record: BwrapSandbox): Promise<void> {
    await writeFile(join(this.dir(record.spec.id), 'sandbox.json'), JSON.stringify(record), { mode: 0o600 });
  }

  /** Every sandbox recorded under the root. */
  async all(): Promise<BwrapSandbox[]> {
    const names = await readdir(this.root).catch(() => [] as string[]);
    const found: BwrapSandbox[] = [];
    for (const name of names) {
      if (name.startsWith(TRASH)) continue;
      const text = await readFile(join(this.dir(name), 'sandbox.json'), 'utf8').catch(() => undefined);
      if (text === undefined) continue;
      try {
        found.push(JSON.parse(text) as BwrapSandbox);
      } catch {
        // a half-written record: removed by the leftovers sweep through its folder
      }
    }
    return found;
  }

  /**
   * Removes a sandbox: its folder is renamed away at once (one call: the sandbox is gone), then deleted in the
   * background, with the root once empty. A trash folder a crash left is deleted at the next sweep.
   */
  async remove(id: string, hostUid?: number): Promise<void> {
    const trash = join(this.root, `${TRASH}${id}`);
    try {
      renameSync(this.dir(id), trash);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      return;
    }
    if (hostUid !== undefined) this.#uids?.delete(hostUid);
    this.#pending = this.#pending.then(() => this.#purge(trash));
  }

  /** Deletes a trash folder, then the root if that left it empty. */
  async #purge(trash: string): Promise<void> {
    await rm(trash, { recursive: true, force: true, maxRetries: 3 }).catch(() => undefined);
    // Fails at once (ENOTEMPTY) while other sandboxes live here.
    await rmdir(this.root).then(() => (this.#rootReady = false), () => undefined);
  }

  /** Deletes trash folders left by a crash; resolves once every pending deletion is done. */
  async settle(): Promise<void> {
    const names = await readdir(this.root).catch(() => [] as string[]);
    for (const name of names.filter((n) => n.startsWith(TRASH))) this.#pending = this.#pending.then(() => this.#purge(join(this.root, name)));
    await this.#pending;
  }
}
