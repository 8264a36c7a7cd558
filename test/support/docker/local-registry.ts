import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { extract } from 'tar-stream';

/** A registry on 127.0.0.1 serving local images, so pulls can be tested without any outside registry. */
export interface LocalRegistry {
  /** `127.0.0.1:<port>`: prefix image names with it (`127.0.0.1:5001/berth-test/x:1`). */
  readonly host: string;
  /** How many manifests and blobs were served (to show a pull really went through it). */
  readonly served: () => number;
  /** Stops serving. */
  close(): Promise<void>;
}

const sha256 = (data: Buffer | string): string => `sha256:${createHash('sha256').update(data).digest('hex')}`;

/** The files of `docker save <image>`, by name. */
async function savedImage(image: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  const child = execFile('docker', ['save', image], { encoding: 'buffer', maxBuffer: 512 * 1024 * 1024 });
  const tar = extract();
  const done = (async () => {
    for await (const entry of tar) {
      const chunks: Buffer[] = [];
      for await (const chunk of entry as AsyncIterable<Buffer>) chunks.push(chunk);
      files.set(entry.header.name, Buffer.concat(chunks));
    }
  })();
  child.stdout?.pipe(tar);
  await done;
  return files;
}

/** A registry v2 manifest (schema 2) and its blobs, from `docker save` output. */
async function publish(image: string, blobs: Map<string, Buffer>): Promise<Buffer> {
  const files = await savedImage(image);
  const [entry] = JSON.parse(String(files.get('manifest.json'))) as { Config: string; Layers: string[] }[];
  if (entry === undefined) throw new Error(`docker save ${image} gave no manifest`);
  const config = files.get(entry.Config) ?? Buffer.alloc(0);
  blobs.set(sha256(config), config);
  const layers = entry.Layers.map((name) => {
    const gz = gzipSync(files.get(name) ?? Buffer.alloc(0));
    blobs.set(sha256(gz), gz);
    return { mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip', size: gz.length, digest: sha256(gz) };
  });
  return Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
      config: { mediaType: 'application/vnd.docker.container.image.v1+json', size: config.length, digest: sha256(config) },
      layers,
    }),
  );
}

/**
 * Starts a minimal Docker registry (API v2, read-only) on 127.0.0.1 — which the engine treats as insecure (plain
 * HTTP) by default — serving `images` (local image → `repository:tag` it is published as).
 */
export async function startLocalRegistry(images: Readonly<Record<string, string>>): Promise<LocalRegistry> {
  const blobs = new Map<string, Buffer>();
  const manifests = new Map<string, Buffer>();
  for (const [local, published] of Object.entries(images)) {
    const [repository, tag = 'latest'] = published.split(':');
    manifests.set(`${repository}:${tag}`, await publish(local, blobs));
  }
  let downloads = 0;
  const server = createServer((req, res) => {
    const url = req.url ?? '';
    res.setHeader('docker-distribution-api-version', 'registry/2.0');
    const send = (status: number, body: Buffer, type: string, digest?: string): void => {
      res.writeHead(status, { 'content-type': type, 'content-length': body.length, ...(digest !== undefined ? { 'docker-content-digest': digest } : {}) });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (url === '/v2/' || url === '/v2') return send(200, Buffer.from('{}'), 'application/json');
    const manifest = /^\/v2\/(.+)\/manifests\/([^/]+)$/.exec(url);
    if (manifest !== null) {
      const body = manifests.get(`${manifest[1]}:${manifest[2]}`) ?? [...manifests.values()].find((m) => sha256(m) === manifest[2]);
      if (body === undefined) return send(404, Buffer.from(JSON.stringify({ errors: [{ code: 'MANIFEST_UNKNOWN', message: 'manifest unknown' }] })), 'application/json');
      downloads += 1;
      return send(200, body, 'application/vnd.docker.distribution.manifest.v2+json', sha256(body));
    }
    const blob = /^\/v2\/(.+)\/blobs\/(sha256:[0-9a-f]{64})$/.exec(url);
    const data = blob !== null ? blobs.get(blob[2] ?? '') : undefined;
    if (data !== undefined) {
      downloads += 1;
      return send(200, data, 'application/octet-stream', blob?.[2]);
    }
    return send(404, Buffer.from(JSON.stringify({ errors: [{ code: 'NOT_FOUND', message: 'not found' }] })), 'application/json');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    host: `127.0.0.1:${port}`,
    served: () => downloads,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
