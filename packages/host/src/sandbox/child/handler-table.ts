import type { JsonValue, ToolCallContext } from '@berth/sdk';
import type { RemoteObjectSpec } from '../../rpc/protocol.js';

/** What a handler id stands for: a tool handler (called with a tool context), a plain function or an object. */
type Entry =
  | { readonly kind: 'tool'; readonly fn: (args: JsonValue, context: ToolCallContext) => unknown }
  | { readonly kind: 'function'; readonly fn: (...args: unknown[]) => unknown }
  | { readonly kind: 'object'; readonly target: object; readonly spec: RemoteObjectSpec };

/** Names never callable on a remote object, whatever the object has. */
const FORBIDDEN_MEMBERS: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Object.prototype));

/** The child's table of functions handed to the host: the host only ever holds their ids. */
export class HandlerTable {
  #next = 1;
  readonly #entries = new Map<number, Entry>();

  /** Adds a tool handler; returns its id. */
  addTool(fn: (args: JsonValue, context: ToolCallContext) => unknown): number {
    return this.#add({ kind: 'tool', fn });
  }

  /** Adds a plain function (hook handler, event listener); returns its id. */
  addFunction(fn: (...args: unknown[]) => unknown): number {
    return this.#add({ kind: 'function', fn });
  }

  /** Adds an object whose methods the host may call (service implementation, provider). */
  addObject(target: object, streams: readonly string[]): RemoteObjectSpec {
    const handler = this.#next++;
    const spec = describeObject(handler, target, streams);
    this.#entries.set(handler, { kind: 'object', target, spec });
    return spec;
  }

  /** Forgets a handler. */
  remove(id: number): void {
    this.#entries.delete(id);
  }

  /** Resolves a handler id (and member) to a callable, or throws naming what is missing. */
  resolve(id: number, member: string | undefined): Entry {
    const entry = this.#entries.get(id);
    if (entry === undefined) throw new Error(`no handler ${id} (it was unregistered)`);
    if (entry.kind !== 'object') return entry;
    const allowed = member !== undefined && (entry.spec.methods.includes(member) || entry.spec.streams.includes(member));
    if (!allowed || FORBIDDEN_MEMBERS.has(member)) throw new Error(`handler ${id} has no method '${String(member)}'`);
    const fn = (entry.target as Record<string, unknown>)[member];
    if (typeof fn !== 'function') throw new Error(`handler ${id} has no method '${member}'`);
    return { kind: 'function', fn: (...args: unknown[]) => (fn as (...a: unknown[]) => unknown).apply(entry.target, args) };
  }

  #add(entry: Entry): number {
    const id = this.#next++;
    this.#entries.set(id, entry);
    return id;
  }
}

function methodNames(target: object): string[] {
  const names = new Set<string>();
  for (let o: object | null = target; o !== null && o !== Object.prototype; o = Object.getPrototypeOf(o) as object | null) {
    for (const name of Object.getOwnPropertyNames(o)) {
      if (!FORBIDDEN_MEMBERS.has(name) && typeof (target as Record<string, unknown>)[name] === 'function') names.add(name);
    }
  }
  return [...names];
}

function describeObject(handler: number, target: object, streams: readonly string[]): RemoteObjectSpec {
  const methods = methodNames(target);
  const data: Record<string, JsonValue> = {};
  for (const [key, value] of Object.entries(target)) {
    if (typeof value !== 'function' && value !== undefined) data[key] = JSON.parse(JSON.stringify(value) ?? 'null') as JsonValue;
  }
  return {
    handler,
    data,
    methods: methods.filter((m) => !streams.includes(m)),
    streams: methods.filter((m) => streams.includes(m)),
  };
}
