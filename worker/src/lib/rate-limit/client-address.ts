/**
 * The client address an anonymous caller is limited by. Cloudflare sets `cf-connecting-ip` on every request that
 * reaches a Worker from the internet (a client-supplied one is overwritten at the edge). IPv6 clients are grouped by
 * their /64 — one subscriber line or host usually owns a whole /64 and can pick any address in it — so rotating the
 * low 64 bits does not buy a fresh bucket. IPv4-mapped IPv6 addresses count as the IPv4 address.
 */

/** Where the address came from: the header, or the local stand-in used in development and tests. */
export type ClientAddress = { ok: true; bucket: string } | { ok: false; reason: string };

/** The stand-in bucket for a request without `cf-connecting-ip` outside production (wrangler dev, tests). */
export const LOCAL_ADDRESS = 'local';

/**
 * The rate-limit bucket of a request's client address: `4:<a.b.c.d>` or `6:<first four hextets>::/64`. Without
 * the header, production refuses (never one shared bucket for everyone); development and test use LOCAL_ADDRESS.
 */
export function clientAddress(headers: Headers, environment: 'development' | 'test' | 'production'): ClientAddress {
  const raw = headers.get('cf-connecting-ip')?.trim();
  if (!raw) {
    return environment === 'production'
      ? { ok: false, reason: 'the request carries no client address (cf-connecting-ip); refusing rather than sharing one bucket' }
      : { ok: true, bucket: LOCAL_ADDRESS };
  }
  const bucket = addressBucket(raw);
  return bucket ? { ok: true, bucket } : { ok: false, reason: 'the client address (cf-connecting-ip) is not an IP address' };
}

/** The bucket of one textual IP address (see clientAddress), or null when it is not an IPv4 or IPv6 address. */
export function addressBucket(ip: string): string | null {
  const v4 = ipv4(ip);
  if (v4) return `4:${v4}`;
  const groups = ipv6Groups(ip);
  if (!groups) return null;
  // ::ffff:a.b.c.d — an IPv4 client seen through an IPv6 socket.
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    return `4:${groups[6]! >> 8}.${groups[6]! & 255}.${groups[7]! >> 8}.${groups[7]! & 255}`;
  }
  return `6:${groups.slice(0, 4).map((g) => g.toString(16)).join(':')}::/64`;
}

/** The canonical dotted form of an IPv4 address, or null. */
function ipv4(s: string): string | null {
  const parts = s.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return null;
  return parts.map(Number).join('.');
}

/** The eight 16-bit groups of an IPv6 address (with `::` expanded and a trailing dotted IPv4 allowed), or null. */
function ipv6Groups(s: string): number[] | null {
  const text = s.split('%')[0]!.toLowerCase(); // drop a zone id (fe80::1%eth0)
  if (!/^[0-9a-f:.]+$/.test(text) || text.split('::').length > 2) return null;
  const parse = (side: string): number[] | null => {
    if (side === '') return [];
    const out: number[] = [];
    const pieces = side.split(':');
    for (const [i, p] of pieces.entries()) {
      if (i === pieces.length - 1 && p.includes('.')) {
        const v4 = ipv4(p);
        if (!v4) return null;
        const [a, b, c, d] = v4.split('.').map(Number) as [number, number, number, number];
        out.push((a << 8) | b, (c << 8) | d);
      } else if (/^[0-9a-f]{1,4}$/.test(p)) out.push(parseInt(p, 16));
      else return null;
    }
    return out;
  };
  const [head, tail] = text.split('::') as [string, string | undefined];
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  if (!left || !right) return null;
  if (tail === undefined) return left.length === 8 ? left : null;
  const missing = 8 - left.length - right.length;
  return missing >= 1 ? [...left, ...new Array<number>(missing).fill(0), ...right] : null;
}
