/**
 * The syntax of a `network` scope entry, checked when a manifest is read (the host parses and enforces it):
 * `host`, `*.domain`, an IPv4 or IPv6 address, a CIDR range (`10.0.0.0/8`, `fd00::/8`), each optionally followed by
 * `:port` or `:from-to` (IPv6 in brackets then: `[::1]:5432`).
 */
const NAME = /^(\*|(\*\.)?[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*)$/i;
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const IPV6 = /^[0-9a-f:.]+$/i;

function isIpv6(text: string): boolean {
  if (!IPV6.test(text) || !text.includes(':')) return false;
  const double = text.split('::').length - 1;
  const groups = text.split(':').filter((g) => g !== '');
  return double <= 1 && (double === 1 ? groups.length <= 7 : groups.length === 8) && groups.every((g) => g.length <= 4 || IPV4.test(g));
}

function portsProblem(text: string): string | undefined {
  const m = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(text);
  if (m === null) return `'${text}' is not a port or a port range`;
  const from = Number(m[1]);
  const to = m[2] !== undefined ? Number(m[2]) : from;
  return from < 1 || to > 65535 || to < from ? 'ports must lie in 1-65535, the first not above the last' : undefined;
}

function addressProblem(text: string): string | undefined {
  const [address = '', prefix, extra] = text.split('/');
  const v4 = IPV4.test(address);
  if (!v4 && !isIpv6(address)) return undefined === prefix ? 'not an address' : `'${address}' is not an IP address, so it cannot take a /prefix`;
  if (extra !== undefined || (prefix !== undefined && (!/^\d{1,3}$/.test(prefix) || Number(prefix) > (v4 ? 32 : 128)))) return `bad CIDR prefix in '${text}'`;
  return undefined;
}

/** What is wrong with a network scope entry, or undefined when it is well formed. */
export function networkScopeSyntaxProblem(entry: string): string | undefined {
  let host = entry.trim();
  let ports: string | undefined;
  const bracket = /^\[([^\]]+)\](?::(.+))?$/.exec(host);
  if (bracket !== null) [host, ports] = [bracket[1] ?? '', bracket[2]];
  else if (host.split(':').length === 2) [host, ports] = host.split(':') as [string, string];
  if (ports !== undefined) {
    const problem = portsProblem(ports);
    if (problem !== undefined) return problem;
  }
  const address = addressProblem(host);
  if (address === undefined) return undefined;
  if (address !== 'not an address') return address;
  return NAME.test(host) && host.length <= 253 ? undefined : `'${entry}' is not a host name, *.domain, IP address or CIDR range (optionally with :port or :from-to)`;
}
