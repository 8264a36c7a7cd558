import { describe, expect, it } from 'vitest';
import { Labels } from '../../src/policy/labels.js';
import { isSessionGone } from '../../src/policy/session-liveness.js';
import type { ReaperVantage } from '../../src/policy/session-liveness.js';

const me = { id: 'me', pid: 10, startTime: '100', bootId: 'boot-1', pidNamespace: 'pid:[1]' };
const labels = (over: Record<string, string> = {}): Record<string, string> => ({
  [Labels.session]: 'other',
  [Labels.pid]: '42',
  [Labels.startTime]: '500',
  [Labels.bootId]: 'boot-1',
  [Labels.pidNamespace]: 'pid:[1]',
  ...over,
});
const vantage = (processes: Record<number, string>, localEngine = true): ReaperVantage => ({
  session: me,
  localEngine,
  startTimeOf: (pid) => processes[pid],
});

describe('the reaper rule: is the run that created an object gone?', () => {
  it('is gone when no process has that pid, or the pid was reused (another start time)', () => {
    expect(isSessionGone(labels(), vantage({}))).toBe(true);
    expect(isSessionGone(labels(), vantage({ 42: '999' }))).toBe(true);
  });
  it('is alive when a process with that pid and start time exists', () => {
    expect(isSessionGone(labels(), vantage({ 42: '500' }))).toBe(false);
  });
  it('never reaps this run, or objects without complete session labels', () => {
    expect(isSessionGone(labels({ [Labels.session]: 'me' }), vantage({}))).toBe(false);
    expect(isSessionGone({ [Labels.session]: 'other' }, vantage({}))).toBe(false);
  });
  it('judges nothing when it cannot see processes or its own boot (a sandbox hiding /proc)', () => {
    expect(isSessionGone(labels(), { ...vantage({}), startTimeOf: () => null })).toBe(false);
    expect(isSessionGone(labels(), { ...vantage({}), session: { ...me, bootId: '' } })).toBe(false);
    expect(isSessionGone(labels(), { ...vantage({}), session: { ...me, pidNamespace: '' } })).toBe(false);
  });
  it("keeps objects whose run could not record its facts (created from inside a sandbox)", () => {
    const blind = labels({ [Labels.bootId]: '', [Labels.startTime]: '', [Labels.pidNamespace]: '', [Labels.pid]: '2' });
    expect(isSessionGone(blind, vantage({}))).toBe(false);
  });
  it('keeps objects of another pid namespace (their pids cannot be seen from here)', () => {
    expect(isSessionGone(labels({ [Labels.pidNamespace]: 'pid:[2]' }), vantage({}))).toBe(false);
  });
  it('reaps a previous boot on a local engine, but keeps another boot on a remote engine', () => {
    expect(isSessionGone(labels({ [Labels.bootId]: 'boot-0' }), vantage({ 42: '500' }, true))).toBe(true);
    expect(isSessionGone(labels({ [Labels.bootId]: 'boot-0' }), vantage({}, false))).toBe(false);
  });
});
