import { describe, expect, it } from 'vitest';
import { resolveLimits } from '../src/limits.js';
import { DEFAULT_SETTINGS } from '../src/settings.js';
import { workspacePath } from '../src/workspace-path.js';

describe('limits from the settings', () => {
  it('takes the request, else the template, else the defaults', () => {
    expect(resolveLimits({}, {}, DEFAULT_SETTINGS)).toEqual({ cpus: 1, memory_mb: 1024, pids: 128, network: 'none', lifetime_seconds: 3600, idle_timeout_seconds: 900 });
    expect(resolveLimits({ cpus: 0.5 }, { cpus: 2, memory_mb: 256 }, DEFAULT_SETTINGS)).toMatchObject({ cpus: 0.5, memory_mb: 256 });
  });

  it('allows network open only with allow_network, and caps follow the settings', () => {
    expect(resolveLimits({ network: 'open' }, {}, { ...DEFAULT_SETTINGS, allow_network: true }).network).toBe('open');
    expect(() => resolveLimits({ memory_mb: 8192 }, {}, { ...DEFAULT_SETTINGS, max_memory_mb: 8192 })).not.toThrow();
    expect(() => resolveLimits({ memory_mb: 8193 }, {}, { ...DEFAULT_SETTINGS, max_memory_mb: 8192 })).toThrow(
      expect.objectContaining({ code: 'BERTH_SANDBOX_LIMIT_EXCEEDED', message: expect.stringContaining('memory_mb 8193 MiB is beyond the allowed 8192 MiB') }),
    );
  });
});

describe('workspace paths of the file tools', () => {
  it('resolves relative paths under /workspace and refuses any way out', () => {
    expect(workspacePath('a/b')).toBe('/workspace/a/b');
    expect(workspacePath('.')).toBe('/workspace');
    expect(workspacePath('/workspace/x/../y/')).toBe('/workspace/y');
    for (const escape of ['..', '../x', '/workspace/../etc', '/workspacex', '/tmp/a', 'a/../../b']) {
      expect(() => workspacePath(escape), escape).toThrow(expect.objectContaining({ code: 'BERTH_SANDBOX_PATH_DENIED' }));
    }
  });
});
