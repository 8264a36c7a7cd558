import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpEndpoint, type HttpEndpoint } from '@berth/host';
import { memoryLogger } from '../mcp/support/http-fixture.js';

// Acceptance 3: without the token → 401 with WWW-Authenticate: Bearer; a non-loopback browser Origin → 403;
// /health → 200 without a token. Also: DNS-rebinding (Host) protection and CORS for loopback origins.

const TOKEN = 'secret-token-for-tests-0123456789';
let endpoint: HttpEndpoint;
const reached: string[] = [];

beforeAll(async () => {
  endpoint = await startHttpEndpoint({
    token: TOKEN,
    port: 0,
    logger: memoryLogger().logger,
    routes: [
      async (req, res) => {
        if (req.url !== '/mcp') return false;
        reached.push(req.url);
        res.writeHead(200, { 'content-type': 'text/plain' }).end('reached');
        return true;
      },
    ],
  });
});
afterAll(async () => {
  await endpoint.close();
});

/** A raw HTTP request (fetch cannot set Host), resolving with status, headers and body. */
function send(path: string, headers: Record<string, string>, method = 'POST'): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: endpoint.port, path, method, headers }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(method === 'POST' ? '{}' : undefined);
  });
}

const auth = { authorization: `Bearer ${TOKEN}` };

describe('the HTTP endpoint', () => {
  it('listens on 127.0.0.1 by default', () => {
    expect(endpoint.url).toBe(`http://127.0.0.1:${endpoint.port}`);
  });

  it('answers /health with 200 without a token', async () => {
    const res = await send('/health', {}, 'GET');
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ status: 'ok' });
  });

  it('refuses a request without the token with 401 and WWW-Authenticate: Bearer', async () => {
    const res = await send('/mcp', {});
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer realm="berth"');
    expect(JSON.parse(res.body)).toMatchObject({ error: 'unauthorized', message: expect.stringContaining('Authorization: Bearer <token>') });
    expect(reached).toEqual([]);
  });

  it('refuses a wrong token with 401 and error="invalid_token"', async () => {
    const res = await send('/mcp', { authorization: 'Bearer not-the-token' });
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer realm="berth", error="invalid_token"');
  });

  it('refuses a non-loopback Origin with 403, even with the token', async () => {
    for (const origin of ['https://evil.example', 'http://192.168.1.10:7331', 'null']) {
      const res = await send('/mcp', { ...auth, origin });
      expect(res.status).toBe(403);
      expect(JSON.parse(res.body)).toMatchObject({ error: 'origin_not_allowed', message: expect.stringContaining(`origin '${origin}' are refused`) });
    }
    expect(reached).toEqual([]);
  });

  it('refuses a Host that is not loopback (DNS rebinding) with 403', async () => {
    const res = await send('/mcp', { ...auth, host: `attacker.example:${endpoint.port}` });
    expect(res.status).toBe(403);
    expect(JSON.parse(res.body)).toMatchObject({ error: 'host_not_allowed', message: expect.stringContaining('DNS-rebinding protection') });
    expect(reached).toEqual([]);
  });

  it('lets a loopback browser origin through with the token, with CORS headers echoing that origin', async () => {
    const res = await send('/mcp', { ...auth, origin: 'http://localhost:6274' });
    expect(res.status).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe('http://localhost:6274');
    expect(res.body).toBe('reached');
  });

  it('answers a loopback CORS preflight without a token, and no preflight from elsewhere', async () => {
    const ok = await send('/mcp', { origin: 'http://127.0.0.1:6274', 'access-control-request-method': 'POST' }, 'OPTIONS');
    expect(ok.status).toBe(204);
    expect(ok.headers['access-control-allow-headers']).toContain('authorization');
    const bad = await send('/mcp', { origin: 'https://evil.example', 'access-control-request-method': 'POST' }, 'OPTIONS');
    expect(bad.status).toBe(403);
    expect(bad.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('serves the routes with the token, and 404 elsewhere', async () => {
    expect((await send('/mcp', auth)).status).toBe(200);
    const missing = await send('/elsewhere', auth);
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body)).toMatchObject({ error: 'not_found' });
  });
});
