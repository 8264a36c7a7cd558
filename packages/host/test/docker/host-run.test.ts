import { describe, expect, it } from 'vitest';
import { isRunGone, RunLabels } from '../../src/docker/host-run.js';

const current = { id: 'now', pid: 1, startTime: '1', bootId: 'b1', pidNamespace: 'pid:[1]' };
const labels = (over: Record<string, string> = {}): Record<string, string> => ({
  [RunLabels.run]: 'then',
  [RunLabels.pid]: '77',
  [RunLabels.startTime]: '700',
  [RunLabels.bootId]: 'b1',
  [RunLabels.pidNamespace]: 'pid:[1]',
  ...over,
});

describe('the policy socket reaper rule', () => {
  it('a host run is gone when its pid is gone or reused, or it was a previous boot', () => {
    expect(isRunGone(labels(), current, () => undefined)).toBe(true);
    expect(isRunGone(labels(), current, () => '999')).toBe(true);
    expect(isRunGone(labels({ [RunLabels.bootId]: 'b0' }), current, () => '700')).toBe(true);
  });
  it('a live run, this run, another pid namespace and unlabelled objects are kept', () => {
    expect(isRunGone(labels(), current, () => '700')).toBe(false);
    expect(isRunGone(labels({ [RunLabels.run]: 'now' }), current, () => undefined)).toBe(false);
    expect(isRunGone(labels({ [RunLabels.pidNamespace]: 'pid:[2]' }), current, () => undefined)).toBe(false);
    expect(isRunGone({ 'berth.plugin': 'x' }, current, () => undefined)).toBe(false);
    expect(isRunGone(labels(), current, () => null)).toBe(false);
    expect(isRunGone(labels(), { ...current, bootId: '' }, () => undefined)).toBe(false);
  });
});
