import type { AuditRecord } from '../permissions/audit-log.js';
import type { EgressEvent } from './egress-proxy.js';

/** An egress decision as an audit record: permission `network`, the target as the plugin named it, the decision. */
export function egressAuditRecord(event: EgressEvent): Omit<AuditRecord, 'time'> {
  const pinned = event.allowed && event.address !== undefined ? ` → ${event.address}` : '';
  return { plugin: event.plugin, permission: 'network', target: event.target, allowed: event.allowed, source: 'egress-proxy', detail: `${event.protocol}${pinned}: ${event.reason}` };
}
