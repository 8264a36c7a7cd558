import { request } from 'node:http';
import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';

/** A `fetch` with the standard signature. */
export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** The headers of a `RequestInit` as a plain record. */
function headerRecord(headers: RequestInit["headers"]): Record<string, string> {
  const record: Record<string, string> = {};
  new Headers(headers).forEach((value, key) => {
    record[key] = value;
  });
  return record;
}

/** The body of a `RequestInit` as bytes (the openai client sends strings; nothing here streams uploads). */
async function bodyBytes(body: RequestInit["body"]): Promise<Buffer | undefined> {
  if (body === undefined || body === null) return undefined;
  return Buffer.from(await new Response(body).arrayBuffer());
}

/** A web `Response` around a node:http response, streaming its body. */
function toResponse(res: IncomingMessage): Response {
  const headers = new Headers();
  for (const [key, value] of Object.entries(res.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  const status = res.statusCode ?? 500;
  const body = status === 204 || status === 304 ? null : (Readable.toWeb(res) as ReadableStream<Uint8Array>);
  return new Response(body, { status, statusText: res.statusMessage ?? '', headers });
}

/**
 * A `fetch` that speaks HTTP over a UNIX socket (Docker Desktop's `docker.sock`), for the openai client and for
 * Model Runner's own API. The URL's host is ignored; its path (with the `/exp/vDD4.40` prefix) is sent as is.
 */
export function createSocketFetch(socketPath: string): FetchLike {
  return async (input, init = {}) => {
    const url = new URL(input instanceof Request ? input.url : input.toString());
    const payload = await bodyBytes(init.body);
    const signal = init.signal ?? undefined;
    signal?.throwIfAborted();
    return new Promise<Response>((resolve, reject) => {
      const req = request(
        {
          socketPath,
          path: `${url.pathname}${url.search}`,
          method: init.method ?? 'GET',
          headers: { ...headerRecord(init.headers), host: 'localhost', ...(payload ? { 'content-length': String(payload.length) } : {}) },
          ...(signal !== undefined ? { signal } : {}),
        },
        (res) => resolve(toResponse(res)),
      );
      req.on('error', reject);
      req.end(payload);
    });
  };
}
