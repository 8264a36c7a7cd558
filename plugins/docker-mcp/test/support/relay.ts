import { createConnection, createServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import { rm } from 'node:fs/promises';

/** A UNIX socket that relays to the real Docker socket and can be taken away and brought back. */
export class SocketRelay {
  #server: Server | undefined;
  readonly #sockets = new Set<Socket>();

  /** @param path - where the relay listens */
  constructor(readonly path: string, readonly upstream = '/var/run/docker.sock') {}

  /** Starts listening (again). */
  async up(): Promise<void> {
    await rm(this.path, { force: true });
    const server = createServer((client) => {
      const engine = createConnection(this.upstream);
      this.#sockets.add(client).add(engine);
      client.pipe(engine).pipe(client);
      const drop = (): void => {
        client.destroy();
        engine.destroy();
      };
      client.on('error', drop).on('close', drop);
      engine.on('error', drop).on('close', drop);
    });
    await new Promise<void>((resolve) => server.listen(this.path, resolve));
    this.#server = server;
  }

  /** Stops listening, cuts open connections and removes the socket file: Docker "goes away". */
  async down(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    this.#sockets.clear();
    await new Promise<void>((resolve) => (this.#server ? this.#server.close(() => resolve()) : resolve()));
    this.#server = undefined;
    await rm(this.path, { force: true });
  }
}
