import { AssertionError } from 'node:assert';
import type { AuditRecord } from '@berth/host';
import type { TestPlugin } from './test-plugin.js';

/** What {@link expectDenied} checks beyond "it was refused". */
export interface ExpectDeniedOptions {
  /** The permission the refusal must be for (e.g. `filesystem.read`). */
  readonly permission?: string;
  /** A part of the refused target (a path, a host, a variable), or a pattern it must match. */
  readonly target?: string | RegExp;
  /** How long to wait for the sandbox's audit record after the action failed (default 3 000 ms). */
  readonly timeoutMs?: number;
}

/** A refusal, as {@link expectDenied} found it. */
export interface Denial {
  /** What the action threw (the plugin's error as the host saw it), or undefined when it resolved after the refusal. */
  readonly error: unknown;
  /** The audit record of the refusal. */
  readonly record: AuditRecord;
}

const matches = (record: AuditRecord, options: ExpectDeniedOptions): boolean => {
  if (options.permission !== undefined && record.permission !== options.permission) return false;
  const target = options.target;
  if (target === undefined) return true;
  const text = record.target ?? '';
  return typeof target === 'string' ? text.includes(target) : target.test(text);
};

const describe = (options: ExpectDeniedOptions): string =>
  [options.permission ?? 'any permission', options.target !== undefined ? `target ${String(options.target)}` : ''].filter(Boolean).join(', ');

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Asserts that `action` (a call into the plugin) was refused by Berth's boundary — the sandbox, Node's permission
 * model or the permission gate — for `options.permission`: a denied audit record for the plugin appears while or
 * just after the action runs. Resolves with the refusal; throws `AssertionError` (which vitest, node:test and jest
 * all report as a failure) when nothing was refused, naming what was refused instead.
 *
 * @example
 * ```ts
 * await expectDenied(plugin, plugin.call('read', { path: '/etc/hostname' }), { permission: 'filesystem.read' });
 * ```
 */
export async function expectDenied(
  plugin: TestPlugin,
  action: Promise<unknown> | (() => Promise<unknown>),
  options: ExpectDeniedOptions = {},
): Promise<Denial> {
  const before = plugin.denials().length;
  let error: unknown;
  let value: unknown;
  try {
    value = await (typeof action === 'function' ? action() : action);
  } catch (thrown) {
    error = thrown;
  }
  const deadline = Date.now() + (options.timeoutMs ?? 3_000);
  for (;;) {
    const fresh = plugin.denials().slice(before);
    const record = fresh.find((r) => matches(r, options));
    if (record !== undefined) return { error, record };
    if (Date.now() > deadline) {
      const seen = fresh.map((r) => `${r.permission} ${r.target ?? ''}`.trim()).join('; ') || 'nothing';
      const outcome = error === undefined ? `it succeeded with ${JSON.stringify(value)?.slice(0, 300)}` : `it failed with: ${(error as Error).message ?? String(error)}`;
      throw new AssertionError({ message: `expected plugin '${plugin.name}' to be refused (${describe(options)}), but ${outcome}; refused meanwhile: ${seen}` });
    }
    await sleep(25);
  }
}
