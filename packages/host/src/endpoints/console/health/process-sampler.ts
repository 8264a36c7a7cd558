import type { PluginHost } from '../../../lifecycle/plugin-host.js';
import { CLOCK_TICKS, parentsNow, sampleTree } from './proc-sample.js';

/** One point of a plugin process's chart. */
export interface HealthPoint {
  /** When (ms since the epoch). */
  readonly t: number;
  /** CPU use since the previous point, in percent of one core. */
  readonly cpu: number;
  /** Resident memory, MiB. */
  readonly rssMiB: number;
}

/** A plugin's process over the last minutes. */
export interface PluginHealth {
  /** The plugin. */
  readonly plugin: string;
  /** Its state. */
  readonly state: string;
  /** Its sandbox tier, once started. */
  readonly tier?: string;
  /** Its process id, when it has a process of its own. */
  readonly pid?: number;
  /** Restarts after crashes. */
  readonly restarts: number;
  /** The samples, oldest first. */
  readonly points: readonly HealthPoint[];
}

/**
 * Samples, every `intervalMs`, the CPU and memory of each running plugin's own process (and its descendants),
 * keeping the last `keepMs`: the web console's health chart. Reads /proc only; nothing is asked of the plugins.
 */
export class ProcessSampler {
  readonly #host: PluginHost;
  readonly #keepMs: number;
  readonly #series = new Map<string, { pid: number; lastTicks: number; lastT: number; points: HealthPoint[] }>();
  readonly #timer: NodeJS.Timeout;

  /**
   * @param host - the host whose plugins are sampled
   * @param options - the interval (default 2 s) and how long samples are kept (default 5 minutes)
   */
  constructor(host: PluginHost, options: { readonly intervalMs?: number; readonly keepMs?: number } = {}) {
    this.#host = host;
    this.#keepMs = options.keepMs ?? 5 * 60_000;
    this.#timer = setInterval(() => this.sample(), options.intervalMs ?? 2_000);
    this.#timer.unref();
  }

  /** Takes one sample now (also called by the timer). */
  sample(): void {
    const now = Date.now();
    const parents = parentsNow();
    for (const info of this.#host.list()) {
      const pid = this.#host.processOf(info.name)?.pid;
      if (pid === undefined) continue;
      const found = sampleTree(pid, parents);
      if (found === undefined) continue;
      let series = this.#series.get(info.name);
      if (series === undefined || series.pid !== pid) {
        series = { pid, lastTicks: found.cpuTicks, lastT: now, points: [] };
        this.#series.set(info.name, series);
      }
      const seconds = Math.max((now - series.lastT) / 1000, 0.001);
      const cpu = series.points.length === 0 && series.lastT === now ? 0 : ((found.cpuTicks - series.lastTicks) / CLOCK_TICKS / seconds) * 100;
      series.points.push({ t: now, cpu: Math.max(0, Math.round(cpu * 10) / 10), rssMiB: Math.round((found.rssBytes / 1048576) * 10) / 10 });
      series.lastTicks = found.cpuTicks;
      series.lastT = now;
      while (series.points.length > 0 && (series.points[0] as HealthPoint).t < now - this.#keepMs) series.points.shift();
    }
  }

  /** Every plugin with its tier, process, restarts and samples. */
  report(): PluginHealth[] {
    return this.#host.list().map((info) => {
      const proc = this.#host.processOf(info.name);
      const series = this.#series.get(info.name);
      return {
        plugin: info.name,
        state: info.state,
        ...(info.tier !== undefined ? { tier: info.tier } : {}),
        ...(proc?.pid !== undefined ? { pid: proc.pid } : {}),
        restarts: proc?.restarts ?? 0,
        points: series !== undefined && series.pid === proc?.pid ? [...series.points] : [],
      };
    });
  }

  /** Stops sampling. */
  stop(): void {
    clearInterval(this.#timer);
  }
}
