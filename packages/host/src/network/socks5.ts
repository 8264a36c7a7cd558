import net from 'node:net';
import type { SocketReader } from './socket-reader.js';

/** SOCKS5 reply codes (RFC 1928 §6) the proxy sends. */
export const SOCKS5_REPLY = {
  succeeded: 0x00,
  generalFailure: 0x01,
  notAllowed: 0x02,
  hostUnreachable: 0x04,
  connectionRefused: 0x05,
  commandNotSupported: 0x07,
  addressTypeNotSupported: 0x08,
} as const;

/** A SOCKS5 CONNECT request: the target as the client named it (a name stays a name: the proxy resolves it). */
export interface Socks5Target {
  readonly host: string;
  readonly port: number;
}

/** Thrown when the client asks for something other than CONNECT with no authentication. */
export class Socks5Refusal extends Error {
  /** @param reply - the reply code to send (undefined: close without reply); @param message - why */
  constructor(
    readonly reply: number | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'Socks5Refusal';
  }
}

/**
 * The server side of a SOCKS5 handshake (RFC 1928), CONNECT only, no authentication (the UNIX socket is the
 * plugin's own, so there is nobody to authenticate): the version byte was already read by the caller. UDP
 * ASSOCIATE and BIND are refused (command not supported).
 */
export async function readSocks5Request(reader: SocketReader, socket: net.Socket): Promise<Socks5Target> {
  const methods = await reader.bytes(await reader.byte());
  if (!methods.includes(0x00)) {
    socket.end(Buffer.from([0x05, 0xff]));
    throw new Socks5Refusal(undefined, 'the client offers no method without authentication');
  }
  socket.write(Buffer.from([0x05, 0x00]));
  const [version, command, , type] = await reader.bytes(4);
  if (version !== 0x05) throw new Socks5Refusal(SOCKS5_REPLY.generalFailure, `bad SOCKS version ${String(version)}`);
  let host: string;
  if (type === 0x01) host = [...(await reader.bytes(4))].join('.');
  else if (type === 0x03) host = (await reader.bytes(await reader.byte())).toString('latin1');
  else if (type === 0x04) host = ipv6Text(await reader.bytes(16));
  else throw new Socks5Refusal(SOCKS5_REPLY.addressTypeNotSupported, `address type ${String(type)} is not supported`);
  const port = (await reader.bytes(2)).readUInt16BE(0);
  if (command !== 0x01) throw new Socks5Refusal(SOCKS5_REPLY.commandNotSupported, `SOCKS command ${String(command)} (only CONNECT is offered: no UDP, no BIND)`);
  return { host, port };
}

function ipv6Text(bytes: Buffer): string {
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(bytes.readUInt16BE(i).toString(16));
  const text = groups.join(':');
  // Let the socket layer normalise it (::1 rather than 0:0:0:0:0:0:0:1).
  return net.isIPv6(text) ? new URL(`http://[${text}]/`).hostname.slice(1, -1) : text;
}

/** A SOCKS5 reply with an IPv4 zero bound address (clients do not use it). */
export function socks5Reply(code: number): Buffer {
  return Buffer.from([0x05, code, 0x00, 0x01, 0, 0, 0, 0, 0, 0]);
}
