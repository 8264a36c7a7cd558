/**
 * Preloaded (`--import`) into every sandboxed plugin, before its code: signals may only target the plugin's own
 * process. Node's permission model does not restrict signals: without this (and without bubblewrap's PID
 * namespace) a plugin could `process.kill(hostPid, 'SIGUSR1')` and open the host's inspector.
 *
 * Only a primitive number equal to the plugin's own pid (or one of the children it started, or their process
 * group: see ./spawn-guard.ts) passes, and that very number is what reaches the system
 * call: an object whose `valueOf` answers the own pid when checked and the host's pid when used, or a redefined
 * global `Number`, changes nothing.
 */
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { accessDenied, lock } from './lock.js';
import { isEndedChild, isOwnChild } from './spawn-guard.js';

type Kill = (pid: number, signal?: unknown) => unknown;

const ownPid = process.pid;
const rawKill = (process as unknown as { _kill: Kill })._kill.bind(process);
const originalKill = process.kill.bind(process) as (pid: number, signal?: unknown) => true;

/** The pid if it is the plugin's own, as a primitive number; else throws `ERR_ACCESS_DENIED`. */
function ownOnly(pid: unknown): number {
  if (typeof pid === 'number' && (pid === ownPid || isOwnChild(pid))) return pid;
  if (typeof pid === 'number' && isEndedChild(pid)) throw Object.assign(new Error('kill ESRCH'), { code: 'ESRCH', errno: -3, syscall: 'kill' });
  const shown = typeof pid === 'number' ? `pid ${pid}` : `a ${typeof pid} as pid`;
  throw accessDenied('signal', shown, `a sandboxed plugin may only signal its own process (asked: ${shown})`);
}

lock(process, '_kill', (pid: unknown, signal?: unknown): unknown => rawKill(ownOnly(pid), signal));
lock(process, 'kill', (pid: unknown, signal?: unknown): true => originalKill(ownOnly(pid), signal));

// `fs.existsSync` never throws — except under Node 20's permission model, which throws ERR_ACCESS_DENIED for a
// path outside the grants. Libraries probe such paths at load (playwright-core: /proc/sys/fs/binfmt_misc/WSLInterop,
// /run/WSL); a denied path simply does not exist for the plugin, as it does not inside bubblewrap.
const originalExistsSync = fs.existsSync;
fs.existsSync = function existsSync(path: fs.PathLike): boolean {
  try {
    return originalExistsSync(path);
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ERR_ACCESS_DENIED') return false;
    throw error;
  }
};
syncBuiltinESMExports();
