import { spawn } from 'node:child_process';
import { Duplex } from 'node:stream';

/** How to reach an engine over ssh. */
export interface SshTarget {
  /** Host name or IP. */
  readonly hostname: string;
  /** Port, when not ssh's default. */
  readonly port?: number;
  /** User, when given. */
  readonly user?: string;
  /** The ssh program (default `ssh`, found on `PATH`: the system's, with the user's keys, agent and known_hosts). */
  readonly command?: string;
}

/** The arguments the Docker CLI gives ssh for `ssh://` engines: run `docker system dial-stdio` on the far side. */
export function sshArgs(target: SshTarget): string[] {
  return [
    '-o', 'ConnectTimeout=30',
    '-o', 'BatchMode=yes',
    '-T',
    ...(target.user !== undefined ? ['-l', target.user] : []),
    ...(target.port !== undefined ? ['-p', String(target.port)] : []),
    '--',
    target.hostname,
    'docker', 'system', 'dial-stdio',
  ];
}

/**
 * A write error on ssh's stdin, except a broken pipe: ssh that exited is reported when it closes, with its exit
 * code and what it printed, which says more than EPIPE.
 */
function pipeError(error: Error | null | undefined): Error | null {
  return error === null || error === undefined || (error as NodeJS.ErrnoException).code === 'EPIPE' ? null : error;
}

/**
 * One connection to an engine through the system `ssh`, like the Docker CLI makes it: `ssh … host docker system
 * dial-stdio`, whose stdin/stdout are the engine's API stream. Destroying the stream ends ssh; ssh failing
 * (unknown host, refused key, no docker there) is an error carrying what it printed.
 */
export class SshStream extends Duplex {
  readonly #child;
  #stderr = '';

  /** @param target - where to connect */
  constructor(target: SshTarget) {
    super();
    this.#child = spawn(target.command ?? 'ssh', sshArgs(target), { stdio: ['pipe', 'pipe', 'pipe'] });
    this.#child.stdout.on('data', (chunk: Buffer) => {
      if (!this.push(chunk)) this.#child.stdout.pause();
    });
    this.#child.stderr.on('data', (chunk: Buffer) => {
      this.#stderr = (this.#stderr + chunk.toString('utf8')).slice(-2000);
    });
    this.#child.stdin.on('error', () => undefined);
    this.#child.on('error', (error) => this.destroy(error));
    // 'close' comes once ssh exited and its output was read: its stderr is complete, and the stream ends only
    // then, so a failing ssh is an error with its message rather than an empty answer.
    this.#child.on('close', (code) => {
      if (this.destroyed) return;
      if (code !== 0 && code !== null) this.destroy(new Error(`ssh exited ${code}: ${this.#stderr.trim() || 'no message'}`));
      else this.push(null);
    });
  }

  override _read(): void {
    this.#child.stdout.resume();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.#child.stdin.write(chunk, (error) => callback(pipeError(error)));
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.#child.stdin.end(() => callback());
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    if (this.#child.exitCode === null) this.#child.kill('SIGTERM');
    callback(error);
  }

  /** Socket-like no-ops Node's HTTP client calls. */
  setTimeout(): this {
    return this;
  }

  /** See {@link SshStream.setTimeout}. */
  setNoDelay(): this {
    return this;
  }

  /** See {@link SshStream.setTimeout}. */
  setKeepAlive(): this {
    return this;
  }

  /** Keeps the process alive while ssh runs (as a socket's `ref`). */
  ref(): this {
    this.#child.ref();
    for (const pipe of [this.#child.stdin, this.#child.stdout, this.#child.stderr]) (pipe as unknown as { ref?: () => void }).ref?.();
    return this;
  }

  /** Lets the process exit while this connection idles (an agent's kept connection), as a socket's `unref`. */
  unref(): this {
    this.#child.unref();
    for (const pipe of [this.#child.stdin, this.#child.stdout, this.#child.stderr]) (pipe as unknown as { unref?: () => void }).unref?.();
    return this;
  }
}
