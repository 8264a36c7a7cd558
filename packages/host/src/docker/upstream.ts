import { request } from 'node:http';
import type { DockerEngine } from './engine/engine.js';

/** The answer of a lookup on the real engine. */
export interface UpstreamAnswer {
  /** The HTTP status. */
  readonly status: number;
  /** The parsed JSON body (undefined when empty or not JSON). */
  readonly body: unknown;
}

/** Asks the real engine `GET path` (unversioned) and parses the JSON answer. Used for ownership lookups. */
export function upstreamGet(engine: DockerEngine, path: string, timeoutMs = 10_000): Promise<UpstreamAnswer> {
  return upstreamRequest(engine, 'GET', path, timeoutMs);
}

/** Sends the real engine `method path` (unversioned, no body) and parses the JSON answer. */
export function upstreamRequest(engine: DockerEngine, method: string, path: string, timeoutMs = 10_000): Promise<UpstreamAnswer> {
  return new Promise((resolve, reject) => {
    const req = request({ ...engine.requestOptions(), path, method, headers: { host: 'docker' }, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: unknown;
        try {
          body = text === '' ? undefined : JSON.parse(text);
        } catch {
          body = undefined;
        }
        resolve({ status: res.statusCode ?? 0, body });
      });
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error(`no answer from ${engine.name} in ${timeoutMs} ms`), { code: 'ETIMEDOUT' })));
    req.on('error', reject);
    req.end();
  });
}
