import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runBerth, tempHome } from './run-berth.js';

// The examples folder holds echo-tool, deny-guard, echo-provider and mcp-notes: real plugin folders.
const examples = ['--plugins-dir', 'examples'];

describe('berth tools (through the CLI, plugins sandboxed)', { timeout: 240_000 }, () => {
  let home: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ home, cleanup } = await tempHome()));
  afterEach(async () => cleanup());

  it('lists the example tool', async () => {
    const run = await runBerth(home, [...examples, 'tools', 'list', '--json']);
    expect(run.code).toBe(0);
    const ids = (JSON.parse(run.stdout) as { id: string }[]).map((t) => t.id);
    expect(ids).toContain('echo-tool/echo');
  });

  it('calls the example tool and prints its result', async () => {
    const run = await runBerth(home, [...examples, 'tools', 'call', 'echo-tool/echo', '--args', '{"text":"hi","times":2}']);
    expect(run.stdout.trim()).toBe('hi hi');
    expect(run.code).toBe(0);
  });

  it('refuses invalid arguments listing each violation', async () => {
    const run = await runBerth(home, [...examples, 'tools', 'call', 'echo-tool/echo', '--args', '{"text":5,"extra":1}']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("error BERTH_TOOL_INPUT_INVALID: invalid arguments for tool 'echo-tool/echo' (plugin 'echo-tool'), 2 problem(s):");
    expect(run.stderr).toContain('/extra: is not an allowed property');
    expect(run.stderr).toContain('/text: must be string');
  });

  it("denies a call through another plugin's tool:beforeCall guard once its hooks.tools permission is granted", async () => {
    await mkdir(path.join(home, 'config'), { recursive: true });
    const config = { plugins: { 'deny-guard': { grants: [{ permission: 'hooks.tools' }], approvedVersion: '1.0.0' } } };
    await writeFile(path.join(home, 'config', 'config.json'), JSON.stringify(config));
    const run = await runBerth(home, [...examples, 'tools', 'call', 'echo-tool/echo', '--args', '{"text":"hi"}']);
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(/error BERTH_TOOL_DENIED: .*echo-tool\/echo.*this tool is disabled by the deny-guard plugin/);
  });

  it('keeps the guard in needs-approval (so it denies nothing) until hooks.tools is granted', async () => {
    const list = await runBerth(home, [...examples, 'plugins', 'list', '--json']);
    const guard = (JSON.parse(list.stdout) as { name: string; state: string }[]).find((p) => p.name === 'deny-guard');
    expect(guard?.state).toBe('needs-approval');
  });
});
