import { request } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { DockerPolicyRefusal } from './decision.js';
import type { DockerEngine } from './engine/engine.js';

/** The most bytes of a JSON body the proxy buffers to check (create bodies are small). */
export const MAX_CHECKED_BODY_BYTES = 4 * 1024 * 1024;

/** Reads a request body to its end, refusing one larger than {@link MAX_CHECKED_BODY_BYTES}. */
export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_CHECKED_BODY_BYTES) throw new DockerPolicyRefusal('the request body', `it is larger than ${MAX_CHECKED_BODY_BYTES} bytes`, 413);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** Parses a JSON object body (empty means `{}`). */
export function parseJsonObject(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw new DockerPolicyRefusal('the request body', 'it is not valid JSON', 400);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new DockerPolicyRefusal('the request body', 'it is not a JSON object', 400);
  return parsed as Record<string, unknown>;
}

/** Answers with a JSON `{message}`, the shape Docker clients print. */
export function answerJson(res: ServerResponse, status: number, message: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = JSON.stringify({ message });
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/**
 * Forwards a request to the engine and pipes the answer back (streams — logs follow, build and pull progress —
 * flow as they come). With `body`, sends it instead of the original body.
 */
export function forwardRequest(
  engine: DockerEngine,
  req: IncomingMessage,
  res: ServerResponse,
  target: string,
  body: Buffer | undefined,
  onUnreachable: (error: Error) => void,
): void {
  const headers = { ...req.headers };
  if (body !== undefined) {
    headers['content-length'] = String(body.length);
    delete headers['transfer-encoding'];
  }
  const upstream = request({ ...engine.requestOptions(), method: req.method, path: target, headers }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    res.flushHeaders();
    answer.pipe(res);
    res.on('close', () => answer.destroy());
  });
  upstream.on('error', onUnreachable);
  res.on('close', () => upstream.destroy());
  if (body !== undefined) upstream.end(body);
  else req.pipe(upstream);
}

/** Reads exactly `length` bytes of request body: from `head` first, then from `client`; returns them and any surplus. */
async function readUpgradeBody(client: Duplex, head: Buffer, length: number): Promise<{ body: Buffer; surplus: Buffer }> {
  let buffered = head;
  while (buffered.length < length) {
    const chunk = await new Promise<Buffer | null>((resolve) => {
      const onData = (data: Buffer): void => {
        cleanup();
        resolve(data);
      };
      const onEnd = (): void => {
        cleanup();
        resolve(null);
      };
      const cleanup = (): void => {
        client.off('data', onData).off('end', onEnd).off('close', onEnd);
        client.pause();
      };
      client.on('data', onData).once('end', onEnd).once('close', onEnd);
      client.resume();
    });
    if (chunk === null) throw new DockerPolicyRefusal('the upgraded request', 'its body ended early', 400);
    buffered = Buffer.concat([buffered, chunk]);
  }
  return { body: buffered.subarray(0, length), surplus: buffered.subarray(length) };
}

/** Reads the engine's response head (up to the blank line); resolves with its status, the head and any bytes after it. */
function readResponseHead(engine: Duplex): Promise<{ status: number; head: Buffer; rest: Buffer }> {
  return new Promise((resolve, reject) => {
    let buffered = Buffer.alloc(0);
    const onData = (chunk: Buffer): void => {
      buffered = Buffer.concat([buffered, chunk]);
      const end = buffered.indexOf('\r\n\r\n');
      if (end === -1) return;
      engine.off('data', onData).off('error', reject);
      engine.pause();
      const head = buffered.subarray(0, end + 4);
      resolve({ status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(head.toString('latin1'))?.[1] ?? 0), head, rest: buffered.subarray(end + 4) });
    };
    engine.on('data', onData).once('error', reject);
  });
}

/**
 * Forwards a hijacked (`Upgrade: tcp`) request — attach, exec start — and splices the two connections, but only
 * once the engine has switched protocols (101). Until then nothing the client sent beyond the request's own body
 * reaches the engine, and when the engine answers anything else the connection is closed after that answer: bytes
 * after the request must never be read by the engine as further, unchecked, HTTP requests.
 */
export async function forwardUpgrade(engine: DockerEngine, unreachable: (error: Error) => string, req: IncomingMessage, client: Duplex, head: Buffer, target: string): Promise<void> {
  if (req.headers['transfer-encoding'] !== undefined) throw new DockerPolicyRefusal('a chunked upgraded request', 'send a Content-Length body', 400);
  const length = Number(req.headers['content-length'] ?? 0);
  if (!Number.isInteger(length) || length < 0 || length > MAX_CHECKED_BODY_BYTES) throw new DockerPolicyRefusal('the upgraded request body', 'its length is invalid', 400);
  const { body, surplus } = await readUpgradeBody(client, head, length);
  const upstream = engine.connect();
  const drop = (): void => {
    client.destroy();
    upstream.destroy();
  };
  upstream.on('error', (error) => {
    client.end(rawAnswer(502, unreachable(error)));
    drop();
  });
  client.on('error', drop);
  const lines = [`${req.method ?? 'POST'} ${target} HTTP/1.1`];
  for (let i = 0; i < req.rawHeaders.length; i += 2) lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
  upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
  if (body.length > 0) upstream.write(body);
  const answer = await readResponseHead(upstream);
  client.write(answer.head);
  if (answer.rest.length > 0) client.write(answer.rest);
  if (answer.status !== 101) {
    // Not upgraded: relay the rest of this one answer, send the engine nothing more, and close.
    upstream.end();
    upstream.on('data', (chunk: Buffer) => client.write(chunk));
    upstream.once('close', () => client.destroy());
    upstream.resume();
    return;
  }
  if (surplus.length > 0) upstream.write(surplus);
  client.pipe(upstream).pipe(client);
  client.once('close', drop);
  upstream.once('close', drop);
  upstream.resume();
  client.resume();
}

/** A raw HTTP answer for a hijacked connection. */
export function rawAnswer(status: number, message: string): string {
  const body = JSON.stringify({ message });
  return `HTTP/1.1 ${status} ${status === 403 ? 'Forbidden' : 'Error'}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`;
}
