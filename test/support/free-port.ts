import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';

/** A free loopback TCP port: asked of the kernel, then released for a server the test starts to take. */
export async function freeLoopbackPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
