import { createHash, randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { readFileSync, readlinkSync } from 'node:fs';

/** One run of a policy proxy (one plugin start in one host process), as the labels it forces record it. */
export interface ProxyRun {
  /** A fresh id per proxy start. */
  readonly id: string;
  /** The host process's pid. */
  readonly pid: number;
  /** Its start time (`/proc/<pid>/stat` field 22), to tell a reused pid apart. */
  readonly startTime: string;
  /** The kernel's boot id. */
  readonly bootId: string;
  /** The host process's pid namespace. */
  readonly pidNamespace: string;
  /**
   * This machine (a hash of `/etc/machine-id` and the host name): on a remote engine several Berth hosts may
   * create objects; a run of another machine is never judged gone.
   */
  readonly machine?: string;
}

/** The labels naming the proxy run that created an object. */
export const RunLabels = {
  /** The proxy run's id. */
  run: 'berth.host.run',
  /** The host process's pid. */
  pid: 'berth.host.pid',
  /** Its start time. */
  startTime: 'berth.host.start',
  /** The boot id. */
  bootId: 'berth.host.boot',
  /** The pid namespace. */
  pidNamespace: 'berth.host.pidns',
  /** The machine. */
  machine: 'berth.host.machine',
} as const;

/** Reads a small file, or `''`. */
function readOr(path: string): string {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return '';
  }
}

/** The start time of process `pid`; `undefined` when there is none; `null` when it cannot be told (never "gone"). */
export function processStartTime(pid: number): string | undefined | null {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? undefined : null;
  }
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
}

/** A new run of this host process. */
export function newProxyRun(): ProxyRun {
  let pidNamespace = '';
  try {
    pidNamespace = readlinkSync('/proc/self/ns/pid');
  } catch {
    // not Linux: liveness cannot be judged, so nothing is reaped
  }
  return {
    id: randomUUID(),
    pid: process.pid,
    startTime: processStartTime(process.pid) ?? '',
    bootId: readOr('/proc/sys/kernel/random/boot_id'),
    pidNamespace,
    machine: thisMachine(),
  };
}

/** This machine's tag: a hash of its machine id and host name. */
export function thisMachine(): string {
  return createHash('sha256').update(`${readOr('/etc/machine-id')}\n${hostname()}`).digest('hex').slice(0, 16);
}

/** The labels that record `run` on an object. */
export function runLabels(run: ProxyRun): Record<string, string> {
  return {
    [RunLabels.run]: run.id,
    [RunLabels.pid]: String(run.pid),
    [RunLabels.startTime]: run.startTime,
    [RunLabels.bootId]: run.bootId,
    [RunLabels.pidNamespace]: run.pidNamespace,
    ...(run.machine !== undefined ? { [RunLabels.machine]: run.machine } : {}),
  };
}

/**
 * Is the host run that created an object (by its labels) gone? Never when this process cannot see its own boot,
 * namespace or start time, nor for `current`, objects without complete labels, objects
 * another machine's host created (a shared remote engine), or processes it cannot look at; yes for a previous boot (the upstream engine is a local socket); unknown — so no — for another pid
 * namespace; else yes unless a process with that pid and that start time exists.
 */
export function isRunGone(labels: Readonly<Record<string, string>>, current: ProxyRun, startTimeOf = processStartTime): boolean {
  const pid = Number(labels[RunLabels.pid]);
  const start = labels[RunLabels.startTime];
  const boot = labels[RunLabels.bootId];
  if (current.startTime === '' || current.pidNamespace === '' || current.bootId === '') return false;
  if (labels[RunLabels.run] === undefined || labels[RunLabels.run] === current.id) return false;
  const machine = labels[RunLabels.machine];
  if (machine !== undefined && current.machine !== undefined && machine !== current.machine) return false;
  if (!Number.isInteger(pid) || pid <= 0 || start === undefined || start === '' || boot === undefined || boot === '') return false;
  if (labels[RunLabels.pidNamespace] === undefined || labels[RunLabels.pidNamespace] === '') return false;
  if (boot !== current.bootId) return true;
  if (labels[RunLabels.pidNamespace] !== current.pidNamespace) return false;
  const seen = startTimeOf(pid);
  return seen !== null && seen !== start;
}
