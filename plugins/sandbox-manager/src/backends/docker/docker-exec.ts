import { randomBytes } from 'node:crypto';
import { PassThrough } from 'node:stream';
import type { Duplex } from 'node:stream';
import type Docker from 'dockerode';
import { CappedBuffer } from '../../capped-buffer.js';
import type { ExecOutcome, ExecRequest } from '../../sandbox.js';

/**
 * The command as run: a small `sh` wrapper records its pid (a process group leader: the engine starts each exec
 * in a session of its own) so the time limit can kill the whole group, then `exec`s the command itself.
 */
function wrapped(request: ExecRequest, tag: string): string[] {
  return ['sh', '-c', `echo $$ > /tmp/.berth-exec-${tag}; exec "$@"`, 'sh', ...request.argv];
}

/** The exec body shared by foreground and background runs. */
function execOptions(request: ExecRequest, tag: string, attach: boolean): Docker.ExecCreateOptions {
  return {
    Cmd: wrapped(request, tag),
    AttachStdout: attach,
    AttachStderr: attach,
    AttachStdin: attach && request.stdin !== undefined,
    Tty: false,
    User: request.user,
    WorkingDir: request.cwd,
    Env: Object.entries(request.env).map(([k, v]) => `${k}=${v}`),
  };
}

/** Kills the process group the wrapper recorded under `tag`, as the same user. */
async function killGroup(container: Docker.Container, tag: string, user: string): Promise<void> {
  const script = `p=$(cat /tmp/.berth-exec-${tag} 2>/dev/null) && kill -KILL -- -"$p" 2>/dev/null; kill -KILL "$p" 2>/dev/null; true`;
  const exec = await container.exec({ Cmd: ['sh', '-c', script], User: user, AttachStdout: false, AttachStderr: false });
  await exec.start({ Detach: true });
}

/** Runs a short command and returns its stdout. */
async function capture(container: Docker.Container, cmd: string[]): Promise<string> {
  const exec = await container.exec({ Cmd: cmd, AttachStdout: true, AttachStderr: true, User: '65534:65534' });
  const stream = (await exec.start({ hijack: true, stdin: false })) as Duplex;
  const chunks: Buffer[] = [];
  const out = new PassThrough().on('data', (c: Buffer) => chunks.push(c));
  container.modem.demuxStream(stream, out, new PassThrough().resume());
  await ended(stream);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Counts the OOM kills of each container's memory cgroup (`oom_kill` in cgroup v1's `memory.oom_control`, or v2's
 * `memory.events`, as the container sees them): a SIGKILL is reported as out of memory when the count grew. The
 * engine's own `State.OOMKilled` is set only when the container's init dies, not for one of its commands.
 */
export class OomCounter {
  readonly #seen = new Map<string, number>();

  /** True when the container's OOM kill count grew since the last look. */
  async sawNew(container: Docker.Container): Promise<boolean> {
    const text = await capture(container, ['sh', '-c', 'cat /sys/fs/cgroup/memory/memory.oom_control /sys/fs/cgroup/memory.events 2>/dev/null']).catch(() => '');
    const count = Number(/oom_kill (\d+)/.exec(text)?.[1] ?? 0);
    const before = this.#seen.get(container.id) ?? 0;
    this.#seen.set(container.id, count);
    if (count > before) return true;
    return (await container.inspect()).State.OOMKilled === true;
  }

  /** Forgets a container. */
  forget(containerId: string): void {
    this.#seen.delete(containerId);
  }
}

/** Waits until `stream` ends or closes. */
function ended(stream: Duplex): Promise<void> {
  return new Promise((resolve) => {
    stream.once('end', resolve);
    stream.once('close', resolve);
    stream.once('error', () => resolve());
  });
}

/**
 * Runs a command in a container to its end: output demultiplexed and capped, stdin fed then closed, killed at its
 * time limit (then reported `timedOut`), and an exit by SIGKILL while the container recorded an OOM reported
 * `outOfMemory`.
 */
export async function dockerExec(docker: Docker, containerId: string, request: ExecRequest, oomKills: OomCounter): Promise<ExecOutcome> {
  const container = docker.getContainer(containerId);
  const tag = randomBytes(6).toString('hex');
  const exec = await container.exec(execOptions(request, tag, true));
  const stream = (await exec.start({ hijack: true, stdin: request.stdin !== undefined })) as Duplex;
  const stdout = new CappedBuffer(request.outputCap);
  const stderr = new CappedBuffer(request.outputCap);
  const out = new PassThrough().on('data', (c: Buffer) => stdout.push(c));
  const err = new PassThrough().on('data', (c: Buffer) => stderr.push(c));
  docker.modem.demuxStream(stream, out, err);
  if (request.stdin !== undefined) stream.end(request.stdin);
  let timedOut = false;
  let cancelled = false;
  const kill = (): void => {
    void killGroup(container, tag, request.user).catch(() => undefined);
    // A process that left the group (setsid) may still hold the output open: stop waiting for it.
    setTimeout(() => stream.destroy(), 5000).unref();
  };
  const timer = setTimeout(() => {
    timedOut = true;
    kill();
  }, request.timeoutMs);
  const onAbort = (): void => {
    cancelled = true;
    kill();
  };
  request.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    await ended(stream);
  } finally {
    clearTimeout(timer);
    request.signal?.removeEventListener('abort', onAbort);
  }
  const info = await exec.inspect();
  const exitCode = info.ExitCode ?? (timedOut ? 137 : -1);
  const outOfMemory = exitCode === 137 && !timedOut && !cancelled && (await oomKills.sawNew(container));
  return { exitCode, stdout: stdout.bytes(), stderr: stderr.bytes(), truncated: stdout.truncated || stderr.truncated, timedOut, outOfMemory, cancelled };
}

/** Starts a command detached; returns the exec's id. */
export async function dockerExecBackground(docker: Docker, containerId: string, request: ExecRequest): Promise<string> {
  const exec = await docker.getContainer(containerId).exec(execOptions(request, randomBytes(6).toString('hex'), false));
  await exec.start({ Detach: true });
  return exec.id;
}
