import { request } from 'node:http';

/** The answer of a lookup on the real engine. */
export interface UpstreamAnswer {
  /** The HTTP status. */
  readonly status: number;
  /** The parsed JSON body (undefined when empty or not JSON). */
  readonly body: unknown;
}

/** Asks the real engine `GET path` (unversioned) and parses the JSON answer. Used for ownership lookups. */
export function upstreamGet(socketPath: string, path: string, timeoutMs = 10_000): Promise<UpstreamAnswer> {
  return upstreamRequest(socketPath, 'GET', path, timeoutMs);
}

/** Sends the real engine `method path` (unversioned, no body) and parses the JSON answer. */
export function upstreamRequest(socketPath: string, method: string, path: string, timeoutMs = 10_000): Promise<UpstreamAnswer> {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath, path, method, headers: { host: 'docker' }, timeout: timeoutMs }, (res) => {
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
    req.on('timeout', () => req.destroy(new Error(`no answer from ${socketPath} in ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end();
  });
}
