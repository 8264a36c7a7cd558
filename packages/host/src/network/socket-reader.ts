import type net from 'node:net';

/** Reads exact byte counts (or a line) from a paused socket, for the proxy protocols' handshakes. */
export class SocketReader {
  readonly #socket: net.Socket;

  /** @param socket - a socket not yet read from (it is paused here) */
  constructor(socket: net.Socket) {
    this.#socket = socket;
    socket.pause();
  }

  /** The next `n` bytes; rejects when the socket ends first. */
  bytes(n: number): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      const attempt = (): void => {
        const chunk = this.#socket.read(n) as Buffer | null;
        if (chunk !== null) {
          cleanup();
          resolve(chunk);
        } else if (this.#socket.readableEnded || this.#socket.destroyed) fail();
      };
      const fail = (): void => {
        cleanup();
        reject(new Error('the connection closed during the handshake'));
      };
      const cleanup = (): void => {
        this.#socket.off('readable', attempt);
        this.#socket.off('end', fail);
        this.#socket.off('close', fail);
      };
      this.#socket.on('readable', attempt);
      this.#socket.once('end', fail);
      this.#socket.once('close', fail);
      attempt();
    });
  }

  /** One byte. */
  async byte(): Promise<number> {
    return (await this.bytes(1))[0] as number;
  }

  /** Bytes up to and without a `\n`, at most `max` bytes. */
  async line(max: number): Promise<string> {
    const parts: number[] = [];
    for (;;) {
      const b = await this.byte();
      if (b === 0x0a) return Buffer.from(parts).toString('latin1');
      if (parts.length >= max) throw new Error('handshake line too long');
      parts.push(b);
    }
  }

  /** Puts bytes back in front of the stream (for a protocol parsed by someone else). */
  unread(bytes: Buffer): void {
    this.#socket.unshift(bytes);
  }
}
