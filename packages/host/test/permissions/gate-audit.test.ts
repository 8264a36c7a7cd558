import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AuditLog, GrantGate, readAuditFile, scopeVarsFor, type SavedGrant } from '@berth/host';

const dirs: string[] = [];
const tmp = (): string => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-gate-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('GrantGate', () => {
  it('denies by default, allows what is granted, and audits every decision (allowed and denied)', () => {
    const audit = new AuditLog(path.join(tmp(), 'audit.jsonl'));
    const grants = new Map<string, SavedGrant[]>([['a', [{ permission: 'docker.access' }]]]);
    const gate = new GrantGate({ grants: (p) => grants.get(p) ?? [], vars: (p) => scopeVarsFor(`/plugins/${p}`, `/data/${p}`), audit: (r) => audit.record(r) });
    expect(gate.check('a', 'docker.access', 'service docker')).toBe(true);
    expect(gate.check('b', 'docker.access', 'service docker')).toBe(false);
    expect(audit.read().map(({ plugin, permission, target, allowed, source }) => ({ plugin, permission, target, allowed, source }))).toEqual([
      { plugin: 'a', permission: 'docker.access', target: 'service docker', allowed: true, source: 'gate' },
      { plugin: 'b', permission: 'docker.access', target: 'service docker', allowed: false, source: 'gate' },
    ]);
  });

  it('assert throws PermissionDeniedError naming the plugin, permission, target and the grant command', () => {
    const gate = new GrantGate({ grants: () => [], vars: () => scopeVarsFor('/p', '/d') });
    expect(() => gate.assert('a', 'docker.access', "service 'docker'")).toThrow(
      expect.objectContaining({
        code: 'BERTH_PERMISSION_DENIED',
        message: "plugin 'a' needs permission 'docker.access' to reach service 'docker', which is not granted (run: berth permissions grant a docker.access)",
      }),
    );
  });

  it('revoking takes effect at the next check (grants are looked up each time)', () => {
    const grants = new Map<string, SavedGrant[]>([['a', [{ permission: 'network' }]]]);
    const gate = new GrantGate({ grants: (p) => grants.get(p) ?? [], vars: () => scopeVarsFor('/p', '/d') });
    expect(gate.check('a', 'network', 'example.com')).toBe(true);
    grants.set('a', []);
    expect(gate.check('a', 'network', 'example.com')).toBe(false);
  });

  it('a grant that cannot be applied (unknown variable) denies instead of throwing', () => {
    const gate = new GrantGate({ grants: () => [{ permission: 'filesystem.read', scope: ['${nope}/x'] }], vars: () => scopeVarsFor('/p', '/d') });
    expect(gate.check('a', 'filesystem.read', '/x')).toBe(false);
  });
});

describe('AuditLog', () => {
  it('appends JSON lines with time, plugin, permission, target, allowed; reads back filtered by plugin', () => {
    const file = path.join(tmp(), 'sub', 'audit.jsonl');
    const log = new AuditLog(file);
    log.record({ plugin: 'a', permission: 'network', target: 'x.example', allowed: false });
    log.record({ plugin: 'b', permission: 'env', allowed: true, time: '2026-01-01T00:00:00.000Z' });
    const lines = fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines[0]).toMatchObject({ plugin: 'a', permission: 'network', target: 'x.example', allowed: false });
    expect(typeof lines[0]?.['time']).toBe('string');
    expect(log.read({ plugin: 'b' })).toEqual([{ time: '2026-01-01T00:00:00.000Z', plugin: 'b', permission: 'env', allowed: true }]);
    expect(log.read({ allowed: false }).map((r) => r.plugin)).toEqual(['a']);
    expect(readAuditFile(file, { limit: 1 }).map((r) => r.plugin)).toEqual(['b']);
  });

  it('skips torn or foreign lines; an absent file reads as empty', () => {
    const file = path.join(tmp(), 'audit.jsonl');
    expect(readAuditFile(file)).toEqual([]);
    fs.writeFileSync(file, '{"time":"t","plugin":"a","permission":"p","allowed":true}\n{"torn":\n42\n');
    expect(readAuditFile(file)).toEqual([{ time: 't', plugin: 'a', permission: 'p', allowed: true }]);
  });
});
