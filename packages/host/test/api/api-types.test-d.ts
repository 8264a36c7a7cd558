import { createServiceRef, ProviderRegistryRef, type PluginContext, type ProvidersApi } from '@berth/sdk';
import { describe, expectTypeOf, it } from 'vitest';

declare const context: PluginContext;

interface Docker {
  ps(): Promise<string[]>;
}
const DockerRef = createServiceRef<Docker>({ id: 'docker.api', permission: 'docker.access' });

describe('plugin API types', () => {
  it('a hook handler with the wrong payload type does not compile', () => {
    context.hooks.on('tool:beforeCall', (call) => (call.tool === 'x' ? { deny: true, reason: 'no' } : undefined));
    // @ts-expect-error — tool:beforeCall handlers receive a ToolCallInfo, not a number
    context.hooks.on('tool:beforeCall', (n: number) => undefined);
    // @ts-expect-error — a plugin:stateChanged payload has no `result`
    context.hooks.on('plugin:stateChanged', (p: { result: string }) => undefined);
    // @ts-expect-error — a guard must return a verdict, not a string
    context.hooks.on('tool:beforeCall', () => 'deny');
    // @ts-expect-error — no such hook
    context.hooks.on('tool:everything', () => undefined);
  });

  it('services.get(ref) assigned to the wrong type does not compile', () => {
    const docker: Docker = context.services.get(DockerRef);
    const registry: ProvidersApi = context.services.get(ProviderRegistryRef);
    expectTypeOf(context.services.get(DockerRef)).toEqualTypeOf<Docker>();
    // @ts-expect-error — the Docker service is not a providers API
    const wrong: ProvidersApi = context.services.get(DockerRef);
    // @ts-expect-error — nor a string
    const alsoWrong: string = context.services.get(ProviderRegistryRef);
    void [docker, registry, wrong, alsoWrong];
  });

  it('host events are typed; plugin events carry JSON', () => {
    context.events.on('plugin:stateChanged', (change) => {
      expectTypeOf(change.to).toEqualTypeOf<string>();
    });
    // @ts-expect-error — contribution:added carries a ContributionChange, which has no `keys`
    context.events.on('contribution:added', (change) => change.keys);
  });
});
