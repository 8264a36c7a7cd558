import type { ControlOperations } from '@berth/host/control';

/** Resolves on Ctrl-C / SIGTERM, or when the server the operations talk to stops. */
export function untilInterrupted(ops: ControlOperations): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      resolve();
    };
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
    const closed = (ops as { closed?: () => Promise<void> }).closed;
    if (closed !== undefined) void closed.call(ops).then(done);
  });
}
