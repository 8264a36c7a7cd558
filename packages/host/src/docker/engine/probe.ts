import { upstreamRequest } from '../upstream.js';
import type { DockerEngine } from './engine.js';
import type { EngineFailure } from './explain.js';

/** What a probe of an engine found. */
export interface EngineProbe {
  /** The engine as messages name it. */
  readonly engine: string;
  /** True when it answered `/version`. */
  readonly reachable: boolean;
  /** Its version, when it answered. */
  readonly version?: string;
  /** Why not, when it did not. */
  readonly failure?: EngineFailure;
}

/** Asks the engine its version (`GET /version`); never throws. */
export async function probeEngine(engine: DockerEngine, timeoutMs = 10_000): Promise<EngineProbe> {
  try {
    const { status, body } = await upstreamRequest(engine, 'GET', '/version', timeoutMs);
    if (status !== 200) return { engine: engine.name, reachable: false, failure: { kind: 'other', reason: `it answered ${status} to GET /version`, fix: 'check that the address is a Docker engine' } };
    const version = (body as { Version?: unknown } | undefined)?.Version;
    return { engine: engine.name, reachable: true, ...(typeof version === 'string' ? { version } : {}) };
  } catch (error) {
    return { engine: engine.name, reachable: false, failure: engine.explain(error as Error) };
  }
}
