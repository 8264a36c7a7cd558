import { PermissionDeniedError } from '@berth/sdk';
import { createPluginApi, createPluginContext, type PermissionGate, type PluginApi, type PluginContextHandle } from '@berth/host';
import { pino, type Logger } from 'pino';

/** A tiny in-memory permission gate: `grants[plugin]` lists what the plugin holds. Records every check. */
export function testGate(grants: Record<string, readonly string[]> = {}): PermissionGate & { checks: { plugin: string; permission: string; target?: string; allowed: boolean }[] } {
  const checks: { plugin: string; permission: string; target?: string; allowed: boolean }[] = [];
  const check = (plugin: string, permission: string, target?: string): boolean => {
    const allowed = grants[plugin]?.includes(permission) ?? false;
    checks.push({ plugin, permission, ...(target !== undefined ? { target } : {}), allowed });
    return allowed;
  };
  return {
    checks,
    check,
    assert(plugin, permission, target) {
      if (!check(plugin, permission, target)) throw new PermissionDeniedError(plugin, permission, target);
    },
  };
}

/** A log line as pino writes it. */
export interface LogLine {
  readonly level: number;
  readonly msg: string;
  readonly plugin?: string;
  readonly [key: string]: unknown;
}

/** A pino logger whose lines land in `lines`. */
export function captureLogger(): { logger: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const logger = pino({ level: 'trace' }, { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) });
  return { logger, lines };
}

/** A whole plugin API on a test gate and a captured logger. */
export function testApi(grants: Record<string, readonly string[]> = {}, aliases?: Record<string, string>): PluginApi & { lines: LogLine[] } {
  const { logger, lines } = captureLogger();
  const api = createPluginApi({ gate: testGate(grants), logger, ...(aliases !== undefined ? { aliases } : {}), hookTimeoutMs: 1_000 });
  return Object.assign(api, { lines });
}

/** A context for `name` on `api`. */
export function contextFor(api: PluginApi, name: string, dependencies: readonly string[] = []): PluginContextHandle {
  return createPluginContext({
    api,
    plugin: { name, version: '1.0.0', dir: `/plugins/${name}` },
    dependencies,
    config: { get: () => undefined, all: () => ({}) },
    dataDir: `/data/${name}`,
  });
}

/** Resolves after `ms` milliseconds. */
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
