import { describe, expect, it } from 'vitest';
import { skipUnlessDocker } from '../../../../test/support/docker/index.js';
import { connect, data, failure } from '../support/client.js';

const docker = await skipUnlessDocker();

describe('read-only mode', () => {
  it('lists no state-changing tool, and refuses to call one', async () => {
    const mcp = await connect({ read_only: true });
    try {
      const { tools } = await mcp.client.listTools();
      expect(tools.length).toBeGreaterThan(10);
      expect(tools.filter((t) => t.annotations?.readOnlyHint !== true).map((t) => t.name)).toEqual([]);
      expect(tools.map((t) => t.name)).not.toContain('container_run');
      const error = failure(await mcp.call('container_run', { image: 'x' }));
      expect(error.code).toBe('BERTH_TOOL_NOT_FOUND');
      expect(error.message).toBe("plugin 'docker-mcp-tools' has no tool 'container_run' (read-only mode offers only tools that change nothing)");
      if (docker.available) expect(data(await mcp.call('system_health'))).toMatchObject({ reachable: true });
    } finally {
      await mcp.close();
    }
  });

  it('lists every tool with a JSON Schema input and all three annotations otherwise', async () => {
    const mcp = await connect({});
    try {
      const { tools } = await mcp.client.listTools();
      expect(tools).toHaveLength(38);
      for (const tool of tools) {
        expect(tool.inputSchema.type).toBe('object');
        expect(typeof tool.annotations?.readOnlyHint, tool.name).toBe('boolean');
        expect(typeof tool.annotations?.destructiveHint, tool.name).toBe('boolean');
        expect(typeof tool.annotations?.idempotentHint, tool.name).toBe('boolean');
      }
      const destructive = tools.filter((t) => t.annotations?.destructiveHint === true).map((t) => t.name).sort();
      expect(destructive).toEqual(['container_kill', 'container_remove', 'image_remove', 'network_remove', 'system_prune', 'volume_remove']);
    } finally {
      await mcp.close();
    }
  });
});
