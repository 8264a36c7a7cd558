import { PLUGIN_NAME } from '../settings.js';
import type { SessionIdentity } from '../session.js';

/** The label keys this plugin puts on everything it creates. */
export const Labels = {
  /** Always `true`: a Berth-managed object. */
  managed: 'berth.managed',
  /** The plugin that created it (`docker-mcp-tools`). */
  plugin: 'berth.plugin',
  /** The server run that created it. */
  session: 'berth.session',
  /** That run's pid. */
  pid: 'berth.session.pid',
  /** That run's process start time, in clock ticks since boot. */
  startTime: 'berth.session.start',
  /** That run's kernel boot id. */
  bootId: 'berth.session.boot',
  /** That run's pid namespace. */
  pidNamespace: 'berth.session.pidns',
} as const;

/** The labels an object created by `session` carries (the user's own labels are merged under them). */
export function labelsFor(session: SessionIdentity, userLabels: Readonly<Record<string, string>> = {}): Record<string, string> {
  return {
    ...userLabels,
    [Labels.managed]: 'true',
    [Labels.plugin]: PLUGIN_NAME,
    [Labels.session]: session.id,
    [Labels.pid]: String(session.pid),
    [Labels.startTime]: session.startTime,
    [Labels.bootId]: session.bootId,
    [Labels.pidNamespace]: session.pidNamespace,
  };
}

/**
 * The labels a built image carries: only who made it (the classic builder turns each label into a build step, and
 * images are not reaped, so the run's liveness facts are not needed).
 */
export function imageLabelsFor(session: SessionIdentity, userLabels: Readonly<Record<string, string>> = {}): Record<string, string> {
  return { ...userLabels, [Labels.managed]: 'true', [Labels.plugin]: PLUGIN_NAME, [Labels.session]: session.id };
}

/** The label filter (`key=value`) that selects what this plugin created. */
export function ownFilter(): string {
  return `${Labels.plugin}=${PLUGIN_NAME}`;
}

/** The label filter that selects what one server run created. */
export function sessionFilter(sessionId: string): string {
  return `${Labels.session}=${sessionId}`;
}

/** True when `labels` say this plugin created the object. */
export function isOwn(labels: Readonly<Record<string, string>> | null | undefined): boolean {
  return labels?.[Labels.plugin] === PLUGIN_NAME;
}
