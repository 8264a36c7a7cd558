import { randomUUID } from 'node:crypto';
import { readFileSync, readlinkSync } from 'node:fs';

/** Who this server run is: the facts its labels carry so a later run can tell whether it is still alive. */
export interface SessionIdentity {
  /** A fresh id per server run. */
  readonly id: string;
  /** This process's pid. */
  readonly pid: number;
  /** This process's start time (`/proc/<pid>/stat` field 22), to tell a reused pid apart. */
  readonly startTime: string;
  /** The kernel's boot id, to tell a previous boot apart. */
  readonly bootId: string;
  /** The pid namespace this process sees (`/proc/self/ns/pid`), since pids mean nothing across namespaces. */
  readonly pidNamespace: string;
}

/** Reads a file, or `''` when it cannot be read. */
function readOr(path: string): string {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return '';
  }
}

/**
 * The start time of process `pid` in clock ticks since boot; `undefined` when no such process exists; `null` when
 * it cannot be told (`/proc` unreadable here, e.g. in a sandbox) — which must never count as gone.
 */
export function processStartTime(pid: number): string | undefined | null {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ESRCH' ? undefined : null;
  }
  // The command name (field 2) may hold spaces; fields after it start after the last ')'.
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
}

/** This kernel's boot id. */
export function bootId(): string {
  return readOr('/proc/sys/kernel/random/boot_id');
}

/** This process's pid namespace, e.g. `pid:[4026531836]`. */
export function pidNamespace(): string {
  try {
    return readlinkSync('/proc/self/ns/pid');
  } catch {
    return '';
  }
}

/** The identity of the current server run. */
export function currentSession(): SessionIdentity {
  return {
    id: randomUUID(),
    pid: process.pid,
    startTime: processStartTime(process.pid) ?? '',
    bootId: bootId(),
    pidNamespace: pidNamespace(),
  };
}
