import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { JsonValue, PluginContext } from '@berth/sdk';
import {
  AuditLog,
  createPluginApi,
  createPluginContext,
  GrantGate,
  scopeVarsFor,
  type PluginApi,
  type PluginContextHandle,
  type RunnablePlugin,
  type SavedGrant,
} from '@berth/host';
import { pino } from 'pino';

/** The folder of the sandbox test fixtures. */
export const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
/** The hostile corpus. */
export const HOSTILE = fileURLToPath(new URL('../fixtures/hostile/', import.meta.url));

/** A plugin folder as a runner needs it (name and version from its plugin.json). */
export function runnable(dir: string): RunnablePlugin {
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'plugin.json'), 'utf8')) as { name: string; version: string; main?: string };
  return { name: manifest.name, version: manifest.version, dir, main: path.join(dir, manifest.main ?? 'index.js') };
}

/** A real host-side plugin API, grants in a map, decisions in a temporary audit log. */
export interface Harness {
  readonly dir: string;
  readonly api: PluginApi;
  readonly audit: AuditLog;
  readonly grants: Map<string, SavedGrant[]>;
  readonly logs: { plugin: string; msg: string }[];
  context(plugin: RunnablePlugin, settings?: Record<string, JsonValue>): PluginContext;
  cleanup(): void;
}

export function createHarness(): Harness {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'berth-sandbox-')));
  const audit = new AuditLog(path.join(dir, 'audit.jsonl'));
  const grants = new Map<string, SavedGrant[]>();
  const dirs = new Map<string, string>();
  const dataDir = (plugin: string): string => path.join(dir, 'data', plugin);
  const gate = new GrantGate({
    grants: (p) => grants.get(p) ?? [],
    vars: (p) => scopeVarsFor(dirs.get(p) ?? '/nonexistent', dataDir(p)),
    audit: (r) => audit.record(r),
  });
  const logs: { plugin: string; msg: string }[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void logs.push(JSON.parse(line) as { plugin: string; msg: string }) });
  const api = createPluginApi({ gate, logger });
  const handles: PluginContextHandle[] = [];
  return {
    dir,
    api,
    audit,
    grants,
    logs,
    context(plugin, settings = {}) {
      dirs.set(plugin.name, plugin.dir);
      const handle = createPluginContext({
        api,
        plugin: { name: plugin.name, version: plugin.version, dir: plugin.dir },
        config: { get: (k) => settings[k] as never, all: () => settings },
        dataDir: dataDir(plugin.name),
      });
      handles.push(handle);
      return handle.context;
    },
    cleanup() {
      for (const h of handles) h.dispose();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
