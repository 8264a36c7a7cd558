import { Labels } from './labels.js';
import type { SessionIdentity } from '../session.js';

/**
 * How to look at processes; the default reads `/proc`. Returns the start time, `undefined` for no such process, or
 * `null` when it cannot be told. A parameter so the rule can be tested on its own.
 */
export type StartTimeOf = (pid: number) => string | undefined | null;

/** Facts about where the reaper runs. */
export interface ReaperVantage {
  /** The reaper's own session. */
  readonly session: SessionIdentity;
  /** True when the engine runs on this machine (a `unix://` socket), so its objects share this kernel's boots. */
  readonly localEngine: boolean;
  /** Reads a process's start time. */
  readonly startTimeOf: StartTimeOf;
}

/**
 * The reaper's rule: is the server run that created an object (by its labels) gone?
 *
 * - a reaper that cannot read its own boot id, pid namespace or start time (a sandbox hiding `/proc`): judges
 *   nothing — never gone;
 * - this session: never gone;
 * - missing session labels: not ours to judge — never reaped;
 * - another boot of this kernel (a local engine): gone, every process of that boot ended;
 * - another boot on a remote engine: unknown — kept (it may be another machine's live run);
 * - another pid namespace: unknown — kept (its pids cannot be seen from here);
 * - same boot and namespace: gone when no process has that pid, or its start time differs (a reused pid); kept
 *   when the process cannot be looked at.
 */
export function isSessionGone(labels: Readonly<Record<string, string>>, vantage: ReaperVantage): boolean {
  const session = labels[Labels.session];
  const pid = Number(labels[Labels.pid]);
  const start = labels[Labels.startTime];
  const boot = labels[Labels.bootId];
  const self = vantage.session;
  if (self.bootId === '' || self.pidNamespace === '' || self.startTime === '') return false;
  if (session === undefined || session === vantage.session.id) return false;
  // Labels written by a run that could not see its own facts (a sandbox) cannot be judged.
  if (!Number.isInteger(pid) || pid <= 0 || start === undefined || start === '' || boot === undefined || boot === '') return false;
  if (labels[Labels.pidNamespace] === undefined || labels[Labels.pidNamespace] === '') return false;
  if (boot !== vantage.session.bootId) return vantage.localEngine;
  if (labels[Labels.pidNamespace] !== vantage.session.pidNamespace) return false;
  const seen = vantage.startTimeOf(pid);
  return seen !== null && seen !== start;
}
