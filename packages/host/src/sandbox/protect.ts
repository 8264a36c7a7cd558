let installed = false;

/**
 * Protects the host process from signals a plugin could send it: installs a `SIGUSR1` handler, so the signal no
 * longer opens the inspector (a plugin reaching the host's pid could otherwise connect to 127.0.0.1:9229 and run
 * code in the host). Idempotent; call it once at start-up (`PluginHost` and `berth serve` do).
 */
export function protectHostProcess(onSignal?: (signal: 'SIGUSR1') => void): void {
  if (installed) return;
  installed = true;
  process.on('SIGUSR1', () => onSignal?.('SIGUSR1'));
}
