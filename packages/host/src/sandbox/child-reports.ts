import type { Logger } from '@berth/sdk';
import type { AuditRecord } from '../permissions/audit-log.js';
import type { ChildReport } from './child/stderr-report.js';

/** Where a report's audit record goes (the host's audit log). */
export type AuditSink = (record: Omit<AuditRecord, 'time'>) => void;

/** One line saying how a program ended: `exited with code 1`, `killed by SIGTRAP`. */
export function describeExit(code: number | null, signal: string | null): string {
  return signal !== null ? `killed by ${signal}` : `exited with code ${String(code)}`;
}

/**
 * Turns a sandboxed process's report into the plugin's log and the audit log: a denial is audited (source
 * `child`); a program the plugin started that ended badly is logged as a warning naming the program, how it ended
 * and the last lines of its stderr, and audited under `process.spawn`.
 */
export function handleChildReport(plugin: string, report: ChildReport, logger: Logger, audit?: AuditSink): void {
  if (report.event === 'denied') {
    audit?.({ plugin, permission: report.permission, target: report.target, allowed: false, source: 'child' });
    logger.warn({ permission: report.permission, target: report.target }, `plugin '${plugin}' was denied ${report.permission} on ${report.target}`);
    return;
  }
  const how = describeExit(report.code, report.signal);
  const stderr = report.stderr.filter((line) => line.trim() !== '');
  if (report.stoppedByPlugin === true) {
    logger.debug({ program: report.program, pid: report.pid, signal: report.signal }, `plugin '${plugin}' stopped ${report.program} (${how})`);
    return;
  }
  audit?.({ plugin, permission: 'process.spawn', target: report.program, allowed: true, source: 'child', detail: `${how}${stderr.length > 0 ? `: ${stderr.at(-1) ?? ''}` : ''}` });
  logger.warn(
    { program: report.program, pid: report.pid, code: report.code, signal: report.signal, stderr },
    `a program plugin '${plugin}' started, ${report.program}${report.pid !== undefined ? ` (pid ${report.pid})` : ''}, ${how}` +
      (stderr.length > 0 ? `; its last stderr lines:\n${stderr.join('\n')}` : '; it wrote nothing to stderr (or its stderr was not piped)'),
  );
}
