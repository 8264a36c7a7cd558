import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import type { Duplex } from 'node:stream';
import { PluginCrashedError, type JsonObject, type JsonValue, type PluginContext, type PluginExit } from '@berth/sdk';
import type { AuditRecord } from '../permissions/audit-log.js';
import { openChannel } from '../rpc/channel.js';
import type { RpcConnection } from '../rpc/connection.js';
import { HostToChild, HostToChildNotice, type StartParams } from '../rpc/protocol.js';
import { ChildCalls } from './calls.js';
import { attachBridge, LOG_LINES_PER_SECOND, type Bridge } from './host-bridge.js';
import { RateLimit } from './rate-limit.js';
import type { Launch, SandboxMode } from './launch.js';
import { captureOutput, LineTail } from './output.js';
import type { PluginInstance, RunnablePlugin } from './runner.js';
import { Watchdog } from './watchdog.js';

/** Limits of one sandboxed plugin process. */
export interface ProcessLimits {
  /** Largest RPC message accepted from the plugin (bytes); larger → refused and the plugin killed. */
  readonly maxMessageBytes: number;
  /** Per-call time limit when the caller gives none (ms). */
  readonly callTimeoutMs: number;
  /** Time limit of `initialize` (ms). */
  readonly startTimeoutMs: number;
  /** A blocked event loop longer than this is killed (ms). */
  readonly stallMs: number;
  /** Between SIGTERM and SIGKILL (ms). */
  readonly killGraceMs: number;
  /** The most handler calls running in the child at once (the rest wait their turn). */
  readonly maxConcurrentCalls?: number;
}

/** What {@link ProcessPluginInstance.start} needs. */
export interface ProcessInstanceOptions {
  readonly plugin: RunnablePlugin;
  readonly context: PluginContext;
  readonly launch: Launch;
  readonly mode: SandboxMode;
  readonly limits: ProcessLimits;
  /** Names of the permissions granted. */
  readonly granted: readonly string[];
  readonly audit: (record: Omit<AuditRecord, 'time'>) => void;
}

/** bubblewrap reports a child killed by signal N as exit code 128 + N. */
function exitOf(mode: SandboxMode, code: number | null, signal: NodeJS.Signals | null): { exitCode: number | null; signal: string | null } {
  if (signal === null && mode === 'bwrap' && code !== null && code > 128 && code < 128 + 65) {
    const name = Object.entries(os.constants.signals).find(([, n]) => n === code - 128)?.[0];
    if (name !== undefined) return { exitCode: code, signal: name };
  }
  return { exitCode: code, signal };
}

/** One plugin in its own sandboxed child process: the channel, the watchdog, the crash report. */
export class ProcessPluginInstance implements PluginInstance {
  readonly #options: ProcessInstanceOptions;
  readonly #child: ChildProcess;
  readonly #connection: RpcConnection;
  readonly #calls: ChildCalls;
  readonly #bridge: Bridge;
  readonly #watchdog: Watchdog;
  readonly #tail = new LineTail();
  readonly #listeners = new Set<(reason: Error) => void>();
  readonly #exited: Promise<PluginCrashedError>;
  #killReason: string | undefined;
  #stopping = false;

  private constructor(options: ProcessInstanceOptions) {
    this.#options = options;
    const { launch, plugin, limits } = options;
    // cwd: the plugin's folder (bubblewrap also --chdir's there), never the host's working folder.
    this.#child = spawn(launch.command, [...launch.args], { cwd: plugin.dir, env: { ...launch.env }, stdio: ['ignore', 'pipe', 'pipe', 'pipe'] });
    const channel = this.#child.stdio[3] as Duplex;
    this.#connection = openChannel(channel, channel, {
      maxMessageBytes: limits.maxMessageBytes,
      onRefused: (frame) => {
        this.#audit('rpc', `${frame.kind} message`, frame.problem);
        if (frame.kind === 'oversized') this.kill(`refused ${frame.problem}`);
      },
    });
    this.#calls = new ChildCalls(this.#connection, plugin.name, limits.callTimeoutMs, limits.maxConcurrentCalls);
    this.#watchdog = new Watchdog({
      limitMs: limits.stallMs,
      checkMs: Math.min(100, limits.stallMs),
      onStall: (silent) => this.kill(`event loop blocked for ${silent} ms (limit ${limits.stallMs} ms)`),
    });
    this.#bridge = attachBridge(this.#connection, {
      plugin: plugin.name,
      context: options.context,
      calls: this.#calls,
      audit: options.audit,
      // The watchdog starts at the first heartbeat: before it, Node is still starting (slow on a loaded machine) and
      // the start time limit applies instead.
      onHeartbeat: () => (this.#watchdogStarted ? this.#watchdog.beat() : this.#startWatchdog()),
    });
    const outputLimit = new RateLimit({
      max: LOG_LINES_PER_SECOND,
      windowMs: 1000,
      onDrop: () => this.#audit('log', 'stdout/stderr', `more than ${LOG_LINES_PER_SECOND} lines per second: dropped`),
    });
    captureOutput(this.#child.stdout!, this.#child.stderr!, options.context.logger, this.#tail, outputLimit);
    this.#exited = new Promise((resolve) => {
      this.#child.once('error', (error) => this.#onExit(resolve, null, null, `cannot start: ${error.message}`));
      this.#child.once('exit', (code, signal) => this.#onExit(resolve, code, signal));
    });
    this.#connection.listen();
  }

  #watchdogStarted = false;

  #startWatchdog(): void {
    this.#watchdogStarted = true;
    if (!this.#stopping) this.#watchdog.start();
  }

  /** Spawns the process and runs the plugin's `initialize`; rejects with its error, or the crash error. */
  static async start(options: ProcessInstanceOptions, params: StartParams): Promise<ProcessPluginInstance> {
    const instance = new ProcessPluginInstance(options);
    try {
      await instance.#calls.request(HostToChild.start, params, { what: 'initialize', timeoutMs: options.limits.startTimeoutMs });
    } catch (error) {
      await instance.stop();
      throw error;
    }
    return instance;
  }

  /** The process id (of bubblewrap, in bwrap mode). */
  get pid(): number | undefined {
    return this.#child.pid;
  }

  /** Settles when the process has exited, with the error its calls were rejected with. */
  get exited(): Promise<PluginCrashedError> {
    return this.#exited;
  }

  /** Calls a handler the plugin registered (used by stubs; exposed for tests and embedders). */
  get calls(): ChildCalls {
    return this.#calls;
  }

  /** @inheritdoc */
  updateConfig(values: Readonly<Record<string, JsonValue>>): void {
    this.#connection.sendNotification(HostToChildNotice.configChanged, { config: values });
  }

  /** Ends the process: SIGTERM, then SIGKILL after the grace period. `reason` goes into the crash error. */
  kill(reason: string): void {
    this.#killReason ??= reason;
    if (this.#child.exitCode !== null || this.#child.signalCode !== null) return;
    this.#child.kill('SIGTERM');
    setTimeout(() => this.#child.kill('SIGKILL'), this.#options.limits.killGraceMs).unref();
  }

  /** @inheritdoc */
  async stop(): Promise<void> {
    if (this.#stopping) return void (await this.#exited);
    this.#stopping = true;
    if (this.#child.exitCode === null && this.#child.signalCode === null) {
      await this.#calls.request(HostToChild.dispose, {}, { what: 'dispose', timeoutMs: 2000 }).catch(() => undefined);
      this.#child.kill('SIGTERM');
      setTimeout(() => this.#child.kill('SIGKILL'), this.#options.limits.killGraceMs).unref();
    }
    await this.#exited;
  }

  /** @inheritdoc */
  onExit(listener: (reason: Error) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #audit(permission: string, target: string, detail: string): void {
    this.#options.audit({ plugin: this.#options.plugin.name, permission, target, allowed: false, source: 'sandbox', detail });
  }

  #onExit(resolve: (error: PluginCrashedError) => void, code: number | null, signal: NodeJS.Signals | null, startProblem?: string): void {
    const reason = startProblem ?? this.#killReason;
    const exit: PluginExit = {
      ...exitOf(this.#options.mode, code, signal),
      ...(reason !== undefined ? { reason } : {}),
      stderrTail: this.#tail.lines().slice(-10),
    };
    const error = new PluginCrashedError(this.#options.plugin.name, exit);
    this.#watchdog.stop();
    this.#calls.failAll(error);
    this.#bridge.disposeAll();
    this.#connection.dispose();
    if (!this.#stopping) {
      this.#audit('sandbox', 'process', error.message.split('\n')[0] ?? '');
      for (const listener of [...this.#listeners]) listener(error);
    }
    resolve(error);
  }
}

/** The config snapshot the child gets. */
export function configSnapshot(context: PluginContext): JsonObject {
  return JSON.parse(JSON.stringify(context.config.all())) as JsonObject;
}
