import { createServiceRef, definePlugin, LoggerRef, ProviderRegistryRef, type JsonValue } from '@berth/sdk';
import { describe, expectTypeOf, it } from 'vitest';
// Written by `berth types` from ./fixtures/guard/plugin.json (packages/cli/test/author/types.test.ts keeps it current).
import type { Manifest } from './fixtures/guard/src/manifest.js';

interface Docker {
  ps(): Promise<string[]>;
}
const DockerRef = createServiceRef<Docker, 'docker.access'>({ id: 'docker.api', permission: 'docker.access' });
const ReaderRef = createServiceRef<{ read(): Promise<string> }, 'filesystem.read'>({ id: 'files.reader', permission: 'filesystem.read' });
const UntypedRef = createServiceRef<Docker>({ id: 'docker.api', permission: 'docker.access' });
const OpenRef = createServiceRef<{ ping(): Promise<string> }, undefined>({ id: 'open.ping' });

describe('definePlugin<Manifest>: the context offers only what plugin.json declares', () => {
  it('a hook whose permission is declared compiles; one whose permission is not does not', () => {
    definePlugin<Manifest>({
      initialize(ctx) {
        ctx.hooks.on('tool:beforeCall', (call) => (call.tool === 'x' ? { deny: true, reason: 'no' } : undefined));
        ctx.hooks.on('tool:afterCall', () => undefined);
        ctx.hooks.on('plugin:stateChanged', () => undefined); // needs no permission
        // @ts-expect-error — provider hooks need hooks.providers, which the manifest does not declare
        ctx.hooks.on('provider:beforeRequest', () => undefined);
        // @ts-expect-error — the same for provider:afterResponse
        ctx.hooks.on('provider:afterResponse', () => undefined);
      },
    });
  });

  it('a service needing a declared permission compiles; an undeclared one does not', () => {
    definePlugin<Manifest>({
      initialize(ctx) {
        expectTypeOf(ctx.services.get(ReaderRef)).toEqualTypeOf<{ read(): Promise<string> }>(); // filesystem.read: declared (scoped)
        ctx.services.get(ProviderRegistryRef); // host services need no permission
        ctx.services.get(LoggerRef);
        ctx.services.get(OpenRef);
        // @ts-expect-error — docker.access is not declared
        ctx.services.get(DockerRef);
        // @ts-expect-error — a ref whose type does not say its permission cannot be proven allowed
        ctx.services.get(UntypedRef);
      },
    });
  });

  it('settings: declared names have their types; undeclared names do not compile', () => {
    definePlugin<Manifest>({
      initialize(ctx) {
        expectTypeOf(ctx.config.get('greeting')).toEqualTypeOf<string>(); // has a default
        expectTypeOf(ctx.config.get('level')).toEqualTypeOf<'low' | 'high' | undefined>();
        expectTypeOf(ctx.config.get('retries')).toEqualTypeOf<number>(); // required
        expectTypeOf(ctx.config.get('tags')).toEqualTypeOf<readonly string[]>();
        // @ts-expect-error — no setting "greting" in plugin.json
        ctx.config.get('greting');
        // @ts-expect-error — a string setting is not a number
        const n: number = ctx.config.get('greeting');
        void n;
      },
    });
  });

  it('a manifest declaring nothing: no permission-gated hook, no setting', () => {
    interface Bare {
      readonly name: 'bare';
      readonly permissions: readonly [];
    }
    definePlugin<Bare>({
      initialize(ctx) {
        ctx.hooks.on('plugin:stateChanged', () => undefined);
        // @ts-expect-error — hooks.tools not declared
        ctx.hooks.on('tool:beforeCall', () => undefined);
        // @ts-expect-error — no settings declared
        ctx.config.get('anything');
        expectTypeOf(ctx.config.all()).toEqualTypeOf<Readonly<Record<string, JsonValue>>>();
      },
    });
  });

  it('without a manifest type, definePlugin keeps the whole context (existing plugins compile as before)', () => {
    definePlugin({
      initialize(ctx) {
        ctx.hooks.on('provider:beforeRequest', () => undefined);
        ctx.services.get(UntypedRef);
        ctx.config.get('anything');
      },
    });
  });
});
