// A small in-memory stand-in for the tool registry, in plain JS so the stdio fixture (a built child process)
// can use it too: namespaced ids, input validation (ajv), guards, cancellation and time limits, change events.
// The endpoint is written against the ToolSource interface; this is one of its implementations.
import { Ajv2020 } from 'ajv/dist/2020.js';
import {
  CallCancelledError,
  CallTimeoutError,
  ToolDeniedError,
  ToolFailedError,
  ToolInputInvalidError,
  ToolNotFoundError,
  isBerthError,
} from '@berth/sdk';

export class MemoryToolSource {
  #tools = new Map();
  #listeners = new Set();
  #guards = [];
  #ajv = new Ajv2020({ allErrors: true, strict: false });

  /** The registry's register(plugin, definition): returns the removal. */
  register = (plugin, definition) => {
    const id = `${plugin}/${definition.name}`;
    // MCP servers declare draft-07 or 2020-12 schemas; this stand-in validates both as 2020-12.
    const { $schema: _draft, ...schema } = definition.inputSchema;
    const validate = this.#ajv.compile(schema);
    this.#tools.set(id, { plugin, definition, validate });
    this.#changed();
    return () => {
      if (this.#tools.get(id)?.definition === definition) {
        this.#tools.delete(id);
        this.#changed();
      }
    };
  };

  /** A tool:beforeCall guard: returns a reason to deny, or undefined. */
  addGuard(plugin, guard) {
    this.#guards.push({ plugin, guard });
  }

  async list() {
    return [...this.#tools.entries()].map(([id, { plugin, definition }]) => ({
      id,
      plugin,
      name: definition.name,
      description: definition.description,
      inputSchema: definition.inputSchema,
      ...(definition.annotations ? { annotations: definition.annotations } : {}),
    }));
  }

  async call(id, args, options = {}) {
    const tool = this.#tools.get(id);
    if (tool === undefined) throw new ToolNotFoundError(id, [...this.#tools.keys()]);
    if (!tool.validate(args)) {
      throw new ToolInputInvalidError(id, tool.plugin, tool.validate.errors.map((e) => ({ path: e.instancePath, message: e.message ?? 'invalid' })));
    }
    for (const { plugin, guard } of this.#guards) {
      const reason = guard(id, args);
      if (reason !== undefined) throw new ToolDeniedError(id, plugin, reason);
    }
    const controller = new AbortController();
    const onAbort = () => controller.abort(options.signal.reason);
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const timer = options.timeoutMs ? setTimeout(() => controller.abort(new CallTimeoutError(`tool '${id}'`, tool.plugin, options.timeoutMs)), options.timeoutMs) : undefined;
    try {
      const value = await tool.definition.handler(args, { signal: controller.signal, progress: (update) => options.onProgress?.(update) });
      if (options.signal?.aborted) throw new CallCancelledError(`tool '${id}'`, tool.plugin);
      return isToolResult(value) ? value : { content: [{ type: 'text', text: JSON.stringify(value) }] };
    } catch (error) {
      if (options.signal?.aborted) throw new CallCancelledError(`tool '${id}'`, tool.plugin);
      if (isBerthError(error)) throw error;
      throw new ToolFailedError(id, tool.plugin, error);
    } finally {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
    }
  }

  onDidChange(listener) {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #changed() {
    for (const listener of this.#listeners) listener();
  }
}

function isToolResult(value) {
  return typeof value === 'object' && value !== null && Array.isArray(value.content);
}
