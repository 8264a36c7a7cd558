import { expectTypeOf, test } from 'vitest';
import type { NormalizedPermission, PluginManifest, PluginManifestInput, PluginType, SettingSchema } from '@berth/sdk';

test('PluginManifest is the normalised output type', () => {
  expectTypeOf<PluginManifest['type']>().toEqualTypeOf<PluginType>();
  expectTypeOf<PluginType>().toEqualTypeOf<'provider' | 'tool' | 'mcp'>();
  expectTypeOf<PluginManifestInput['type']>().toEqualTypeOf<'provider' | 'tool' | 'mcp' | 'mcp-provider'>();
  expectTypeOf<PluginManifest['activation']>().toEqualTypeOf<'startup' | 'lazy'>();
  expectTypeOf<PluginManifest['dependencies']>().toEqualTypeOf<Record<string, string>>();
  expectTypeOf<SettingSchema['type']>().toEqualTypeOf<'string' | 'number' | 'integer' | 'boolean' | 'array' | 'object'>();
  expectTypeOf<NormalizedPermission['scope']>().toEqualTypeOf<readonly string[] | undefined>();
});
