import { createHash } from 'node:crypto';

/** The tool-name rule MCP clients commonly enforce. */
export const WIRE_NAME_PATTERN = /^[a-zA-Z0-9_-]{1,64}$/;

/** The separator that stands for the `/` of a namespaced id on the wire. */
const SEPARATOR = '__';

/**
 * The wire name of a namespaced tool id, by the registry's rule: `<plugin>/<name>` becomes `<plugin>__<name>` and
 * each `.` becomes `_` (`my-plugin/fs.read` → `my-plugin__fs_read`). An id that would not fit
 * `^[a-zA-Z0-9_-]{1,64}$` that way has its other characters replaced by `_`, is cut to 55 characters and gets an
 * 8-digit hash of the whole id, so distinct ids keep distinct names.
 */
export function wireNameOf(id: string): string {
  const plain = id.replace('/', SEPARATOR).replaceAll('.', '_');
  if (WIRE_NAME_PATTERN.test(plain)) return plain;
  const hash = createHash('sha256').update(id).digest('hex').slice(0, 8);
  return `${plain.replace(/[^a-zA-Z0-9_-]/g, '_').slice(0, 55)}_${hash}`;
}

/** The namespaced id a wire name stands for when no listing knows it: the first `__` is the `/`. */
export function idOfWireName(wire: string): string {
  const at = wire.indexOf(SEPARATOR);
  return at <= 0 ? wire : `${wire.slice(0, at)}/${wire.slice(at + SEPARATOR.length)}`;
}

/** The mapping a tool source keeps itself, if it does (the tool registry does). */
export interface WireNameAuthority {
  wireName?(id: string): string | undefined;
  fromWireName?(wire: string): string | undefined;
}

/**
 * Maps wire names back to ids: through the source's own mapping when it keeps one, else from the ids last listed
 * (exact for hashed names too), else by {@link idOfWireName}.
 */
export class WireNames {
  #byWire = new Map<string, string>();

  /** @param authority - the source's own mapping, if any */
  constructor(private readonly authority: WireNameAuthority = {}) {}

  /** Records the ids of a listing; returns their wire names in order. */
  remember(ids: readonly string[]): string[] {
    const byWire = new Map<string, string>();
    const wires = ids.map((id) => {
      const wire = this.authority.wireName?.(id) ?? wireNameOf(id);
      byWire.set(wire, id);
      return wire;
    });
    this.#byWire = byWire;
    return wires;
  }

  /** The id of a wire name: from the last listing, else by {@link idOfWireName}. */
  idOf(wire: string): string {
    return this.authority.fromWireName?.(wire) ?? this.#byWire.get(wire) ?? idOfWireName(wire);
  }
}
