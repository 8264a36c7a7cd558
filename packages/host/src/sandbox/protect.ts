const listeners = new Set<(signal: 'SIGUSR1') => void>();
let installed = false;

/**
 * Protects the host process from signals a plugin could send it: installs a `SIGUSR1` handler, so the signal no
 * longer opens the inspector (a plugin reaching the host's pid could otherwise connect to 127.0.0.1:9229 and run
 * code in the host). Idempotent; the process tier calls it when it is created, `PluginHost` and `berth serve` may
 * too. `onSignal` (optional) is told about each such signal, e.g. to log it.
 */
export function protectHostProcess(onSignal?: (signal: 'SIGUSR1') => void): void {
  if (onSignal !== undefined) listeners.add(onSignal);
  if (installed) return;
  installed = true;
  process.on('SIGUSR1', () => {
    for (const listener of listeners) listener('SIGUSR1');
  });
}
