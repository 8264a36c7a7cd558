/**
 * Preloaded (`--import`) into every sandboxed plugin, before its code: signals may only target the plugin's own
 * process. Node's permission model does not restrict signals: without this (and without bubblewrap's PID
 * namespace) a plugin could `process.kill(hostPid, 'SIGUSR1')` and open the host's inspector.
 */
import { syncBuiltinESMExports } from 'node:module';
import { accessDenied, lock } from './lock.js';

type Kill = (pid: number, signal?: string | number) => unknown;

const ownPid = process.pid;
const rawKill = (process as unknown as { _kill: Kill })._kill.bind(process);

function guardedKill(pid: number, signal?: string | number): unknown {
  if (Number(pid) !== ownPid) {
    throw accessDenied('signal', `pid ${String(pid)}`, `a sandboxed plugin may only signal its own process (asked: pid ${String(pid)})`);
  }
  return rawKill(pid, signal);
}

const originalKill = process.kill.bind(process);
lock(process, '_kill', guardedKill);
lock(process, 'kill', (pid: number, signal?: string | number): true => {
  guardedKill(pid, 0);
  return originalKill(pid, signal);
});
syncBuiltinESMExports();
