import { readdirSync, readFileSync } from 'node:fs';

/** What /proc says about a process and its descendants at one moment. */
export interface ProcSample {
  /** CPU time used so far (user + system), in clock ticks. */
  readonly cpuTicks: number;
  /** Resident memory, in bytes. */
  readonly rssBytes: number;
  /** How many processes were counted (the plugin's and its descendants). */
  readonly processes: number;
}

/** Linux's clock ticks per second (`getconf CLK_TCK`; 100 on every Linux Berth runs on). */
export const CLOCK_TICKS = 100;
const PAGE_BYTES = 4096;

/** `ppid`, `utime`, `stime` of /proc/<pid>/stat (the command name may hold spaces and parentheses). */
function statOf(pid: number): { ppid: number; ticks: number } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    // After the name: state(3) ppid(4) … utime(14) stime(15); fields[0] is field 3.
    return { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return undefined;
  }
}

function rssOf(pid: number): number {
  try {
    return Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * PAGE_BYTES;
  } catch {
    return 0;
  }
}

/** Every process's parent, from /proc (one pass, for several roots). */
export function parentsNow(): Map<number, number> {
  const parents = new Map<number, number>();
  let entries: string[] = [];
  try {
    entries = readdirSync('/proc');
  } catch {
    return parents;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = statOf(Number(entry));
    if (stat !== undefined) parents.set(Number(entry), stat.ppid);
  }
  return parents;
}

/**
 * CPU time and resident memory of `root` and all its descendants (a sandboxed plugin's bubblewrap and the Node
 * process inside it), from /proc/<pid>/stat and statm. Undefined when the process is gone or /proc is unreadable.
 */
export function sampleTree(root: number, parents: ReadonlyMap<number, number>): ProcSample | undefined {
  const rootStat = statOf(root);
  if (rootStat === undefined) return undefined;
  const tree = [root];
  for (let i = 0; i < tree.length; i++) for (const [pid, ppid] of parents) if (ppid === tree[i] && !tree.includes(pid)) tree.push(pid);
  let cpuTicks = 0;
  let rssBytes = 0;
  for (const pid of tree) {
    cpuTicks += pid === root ? rootStat.ticks : (statOf(pid)?.ticks ?? 0);
    rssBytes += rssOf(pid);
  }
  return { cpuTicks, rssBytes, processes: tree.length };
}
