import type { Logger } from '@berth/sdk';
import type { PluginApi, ToolRegistrar, ToolSource } from '@berth/host';

/** The real tool registry (createPluginApi) as the endpoint's tool source. */
export interface TestRegistry {
  readonly api: PluginApi;
  readonly source: ToolSource;
  readonly register: ToolRegistrar;
}
/** A plugin API whose plugin 'guard' holds hooks.tools. */
export declare function createTestRegistry(logger?: Logger): TestRegistry;
