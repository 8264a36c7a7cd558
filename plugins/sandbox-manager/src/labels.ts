import { createHash } from 'node:crypto';
import { PLUGIN_NAME } from './settings.js';

/** The labels every sandbox carries (Docker labels, or the bubblewrap backend's `sandbox.json`). */
export const Labels = {
  /** `berth.managed=true`. */
  managed: 'berth.managed',
  /** `berth.plugin=sandbox-manager`. */
  plugin: 'berth.plugin',
  /** `berth.sandbox=<id>`. */
  sandbox: 'berth.sandbox',
  /** `berth.expires=<iso>`: when its lifetime ends. */
  expires: 'berth.expires',
  /** `berth.idle-timeout=<seconds>`. */
  idle: 'berth.idle-timeout',
  /** `berth.sandbox-owner=<tag>`: which installation (data folder) of the plugin made it. */
  owner: 'berth.sandbox-owner',
  /** `berth.sandbox-user=<uid:gid>`: who its commands run as. */
  user: 'berth.sandbox-user',
} as const;

/** The owner tag of the plugin installation whose data folder is `dataDir`. */
export function ownerTag(dataDir: string): string {
  return createHash('sha256').update(dataDir).digest('hex').slice(0, 16);
}

/** The label filter that finds this plugin's sandboxes. */
export const OWN_FILTER = `${Labels.plugin}=${PLUGIN_NAME}`;

/** The labels of a new sandbox: the user's, then the managed ones on top. */
export function sandboxLabels(
  id: string,
  owner: string,
  expires: Date,
  idleSeconds: number,
  runAs: string,
  user: Readonly<Record<string, string>> = {},
): Record<string, string> {
  return {
    ...user,
    [Labels.owner]: owner,
    [Labels.user]: runAs,
    [Labels.managed]: 'true',
    [Labels.plugin]: PLUGIN_NAME,
    [Labels.sandbox]: id,
    [Labels.expires]: expires.toISOString(),
    [Labels.idle]: String(idleSeconds),
  };
}

/** The user's own labels (without the managed ones). */
export function userLabels(labels: Readonly<Record<string, string>>): Record<string, string> {
  const own: Record<string, string> = {};
  for (const [key, value] of Object.entries(labels)) if (!key.startsWith('berth.')) own[key] = value;
  return own;
}
