import { request } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createConnection } from 'node:net';
import type { Duplex } from 'node:stream';
import { DockerPolicyRefusal } from './decision.js';

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
  upstreamSocket: string,
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
  const upstream = request({ socketPath: upstreamSocket, method: req.method, path: target, headers }, (answer) => {
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

/** Forwards a hijacked (`Upgrade: tcp`) request — attach, exec start — and splices the two connections. */
export function forwardUpgrade(upstreamSocket: string, req: IncomingMessage, client: Duplex, head: Buffer, target: string): void {
  const engine = createConnection(upstreamSocket);
  const lines = [`${req.method ?? 'POST'} ${target} HTTP/1.1`];
  for (let i = 0; i < req.rawHeaders.length; i += 2) lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
  engine.write(`${lines.join('\r\n')}\r\n\r\n`);
  if (head.length > 0) engine.write(head);
  client.pipe(engine).pipe(client);
  const drop = (): void => {
    client.destroy();
    engine.destroy();
  };
  client.on('error', drop).on('close', drop);
  engine.on('error', (error) => {
    client.end(rawAnswer(502, `Docker is not reachable at ${upstreamSocket}: ${error.message}`));
    drop();
  });
  engine.on('close', drop);
}

/** A raw HTTP answer for a hijacked connection. */
export function rawAnswer(status: number, message: string): string {
  const body = JSON.stringify({ message });
  return `HTTP/1.1 ${status} ${status === 403 ? 'Forbidden' : 'Error'}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`;
}
