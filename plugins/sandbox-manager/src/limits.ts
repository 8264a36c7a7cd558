import { SandboxLimitError, SandboxTemplateUnknownError } from '@berth/sdk';
import type { SandboxLimits } from './sandbox.js';
import { PLUGIN_NAME } from './settings.js';
import type { SandboxSettings, SandboxTemplate } from './settings.js';

/** What `create` may ask for about limits. */
export interface LimitRequest {
  readonly cpus?: number;
  readonly memory_mb?: number;
  readonly pids?: number;
  readonly network?: 'none' | 'open';
  readonly lifetime_seconds?: number;
  readonly idle_timeout_seconds?: number;
}

/** Throws when `asked` is beyond `cap`, naming the setting that raises it. */
export function assertWithin(field: string, asked: number, cap: number, setting: string, unit = ''): void {
  if (asked > cap) throw new SandboxLimitError(PLUGIN_NAME, field, `${asked}${unit}`, `${cap}${unit}`, setting);
}

/** The template named `name`, or a clear error listing the defined ones. */
export function templateOf(settings: SandboxSettings, name: string | undefined): SandboxTemplate {
  if (name === undefined) return {};
  const template = settings.templates[name];
  if (template === undefined) throw new SandboxTemplateUnknownError(PLUGIN_NAME, name, Object.keys(settings.templates));
  return template;
}

/**
 * The limits of a new sandbox: the request, else the template, else the defaults — each checked against its cap
 * (`max_*` settings); network `open` only when `allow_network` is set.
 */
export function resolveLimits(request: LimitRequest, template: SandboxTemplate, settings: SandboxSettings): SandboxLimits {
  const cpus = request.cpus ?? template.cpus ?? settings.default_cpus;
  const memory = request.memory_mb ?? template.memory_mb ?? settings.default_memory_mb;
  const pids = request.pids ?? template.pids ?? settings.default_pids;
  const lifetime = request.lifetime_seconds ?? settings.default_lifetime_seconds;
  const idle = request.idle_timeout_seconds ?? settings.default_idle_timeout_seconds;
  assertWithin('cpus', cpus, settings.max_cpus, 'max_cpus');
  assertWithin('memory_mb', memory, settings.max_memory_mb, 'max_memory_mb', ' MiB');
  assertWithin('pids', pids, settings.max_pids, 'max_pids');
  assertWithin('lifetime_seconds', lifetime, settings.max_lifetime_seconds, 'max_lifetime_seconds', ' s');
  assertWithin('idle_timeout_seconds', idle, settings.max_lifetime_seconds, 'max_lifetime_seconds', ' s');
  const network = request.network ?? 'none';
  if (network === 'open' && !settings.allow_network) {
    throw new SandboxLimitError(PLUGIN_NAME, 'network', "'open'", "'none' (allow_network is false)", 'allow_network');
  }
  return { cpus, memory_mb: memory, pids, network, lifetime_seconds: lifetime, idle_timeout_seconds: idle };
}
