import { lookup as dnsLookup } from 'node:dns';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream';
import { createGunzip, createInflate } from 'node:zlib';

/**
 * Fetching a channel's calendar feed. The URL is typed in by a user, so the
 * fetch must not become a way into the server's own network (SSRF): every
 * address connected to is checked, redirects included, and the exchange is
 * bounded in time and size. Feed URLs carry secret tokens in their query
 * strings, so no message here ever quotes a URL: the host is enough to tell
 * which feed failed.
 */

export type FeedFailure =
  | 'invalid_url'
  | 'forbidden_address'
  | 'fetch_failed'
  | 'timeout'
  | 'http_status'
  | 'too_large'
  | 'too_many_redirects';

/** Why a feed could not be read: fetched (see FeedFailure) or parsed (`not_calendar`, see ical.ts). */
export class FeedError extends Error {
  readonly reason: FeedFailure | 'not_calendar';
  /** The status of the answer that failed, for `http_status`; null when there was none. */
  readonly httpStatus: number | null;

  constructor(reason: FeedFailure | 'not_calendar', message: string, httpStatus: number | null = null) {
    super(message);
    this.name = 'FeedError';
    this.reason = reason;
    this.httpStatus = httpStatus;
  }
}

export interface FetchedFeed {
  httpStatus: number;
  body: string;
  /** The URL after redirects: as secret as the one asked for. */
  finalUrl: string;
}

export interface FetchFeedOptions {
  /** Lets the URL reach loopback and private addresses (tests, a feed served on the LAN). */
  allowPrivateAddresses: boolean;
  /** For the whole exchange, redirects included. */
  timeoutMs?: number;
  /** Of the body once decompressed. */
  maxBytes?: number;
  maxRedirects?: number;
  /** Sent as `User-Agent: Staykeep/<version>`; plain `Staykeep` without it. */
  version?: string;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;
const DEFAULT_MAX_REDIRECTS = 3;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/**
 * Addresses a feed may not point at: the server itself and the networks
 * around it. A BlockList also matches IPv4-mapped IPv6 addresses
 * (::ffff:10.0.0.1) against the IPv4 ranges.
 */
const FORBIDDEN_RANGES = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this network", 0.0.0.0 included
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, cloud metadata services among them
  ['172.16.0.0', 12], // private
  ['192.168.0.0', 16], // private
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, and the broadcast address
] as const) {
  FORBIDDEN_RANGES.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['fe80::', 10], // link-local
  ['fc00::', 7], // unique-local
  ['ff00::', 8], // multicast
  // IPv6 forms that carry an IPv4 address a router may translate to it: refused whole, rather than
  // unpacked and checked (no channel publishes its calendar on them).
  ['::', 96], // IPv4-compatible (::a.b.c.d), deprecated
  ['64:ff9b::', 96], // NAT64
  ['64:ff9b:1::', 48], // local-use NAT64
  ['2002::', 16], // 6to4
] as const) {
  FORBIDDEN_RANGES.addSubnet(network, prefix, 'ipv6');
}

/** Whether a feed may not be fetched from this IP address; anything that is not an address is refused. */
export function isForbiddenAddress(ip: string): boolean {
  const version = isIP(ip);
  if (version === 0) return true;
  return FORBIDDEN_RANGES.check(ip, version === 4 ? 'ipv4' : 'ipv6');
}

const forbidden = (host: string) =>
  new FeedError('forbidden_address', `The feed's host ${host} is on a private or local network.`);

/**
 * A DNS lookup that refuses a name when any of its addresses is forbidden.
 * Given to the request itself, it checks the very addresses the socket
 * connects to: a name cannot resolve to a public address when checked and to
 * a private one when connected (DNS rebinding).
 */
const guardedLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, '');
    if (addresses.some((entry) => isForbiddenAddress(entry.address))) {
      return callback(forbidden(hostname), '');
    }
    const [first] = addresses;
    if (!first) return callback(Object.assign(new Error('No address'), { code: 'ENOTFOUND' }), '');
    if (options.all) return callback(null, addresses);
    callback(null, first.address, first.family);
  });
};

/**
 * Fetches a feed, following redirects itself so that each hop is checked
 * like the first. Throws a FeedError whose message names the host at most.
 */
export async function fetchFeed(url: string, options: FetchFeedOptions): Promise<FetchedFeed> {
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  let current = parseFeedUrl(url);
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  try {
    for (let redirects = 0; ; redirects++) {
      const response = await request(current, options, timeout.signal);
      const status = response.statusCode ?? 0;
      const location = response.headers.location;
      if (REDIRECT_STATUSES.has(status) && location !== undefined) {
        response.destroy();
        if (redirects === maxRedirects) {
          throw new FeedError('too_many_redirects', `The feed redirected more than ${maxRedirects} times.`);
        }
        current = parseFeedUrl(location, current);
        continue;
      }
      if (status < 200 || status > 299) {
        response.destroy();
        throw new FeedError('http_status', `${current.host} answered with HTTP ${status}.`, status);
      }
      const body = await readBody(response, current.host, options.maxBytes ?? DEFAULT_MAX_BYTES);
      return { httpStatus: status, body, finalUrl: current.href };
    }
  } catch (error) {
    throw asFeedError(error, current.host, timeout.signal.aborted);
  } finally {
    clearTimeout(timer);
  }
}

/** An http(s) URL, resolved against the URL that redirected to it. */
function parseFeedUrl(text: string, base?: URL): URL {
  let url: URL;
  try {
    url = new URL(text, base);
  } catch {
    throw new FeedError('invalid_url', base ? 'The feed redirected to an invalid URL.' : 'Not a valid URL.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FeedError(
      'invalid_url',
      base
        ? 'The feed redirected to a URL that is not http or https.'
        : 'Only http and https URLs are fetched.',
    );
  }
  return url;
}

/** Sends one request and resolves with its response's headers; the body is left to read. */
function request(url: URL, options: FetchFeedOptions, signal: AbortSignal): Promise<IncomingMessage> {
  // Node connects to an IP literal without a lookup: such a host is checked here.
  const literal = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (!options.allowPrivateAddresses && isIP(literal) !== 0 && isForbiddenAddress(literal)) {
    return Promise.reject(forbidden(url.host));
  }
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const outgoing = client.request(
      url,
      {
        headers: {
          accept: 'text/calendar, */*;q=0.5',
          'accept-encoding': 'gzip, deflate',
          'user-agent': options.version ? `Staykeep/${options.version}` : 'Staykeep',
        },
        // No shared agent: a pooled connection, opened for a request that
        // allowed private addresses, must not carry one that does not.
        agent: false,
        lookup: options.allowPrivateAddresses ? undefined : guardedLookup,
        signal,
      },
      resolve,
    );
    outgoing.on('error', reject);
    outgoing.end();
  });
}

/** The body as text, decompressed, refused as soon as it grows past maxBytes. */
async function readBody(response: IncomingMessage, host: string, maxBytes: number): Promise<string> {
  const tooLarge = () =>
    new FeedError('too_large', `The feed from ${host} is larger than ${maxBytes} bytes.`);
  const declaredLength = Number(response.headers['content-length']);
  if (declaredLength > maxBytes) {
    response.destroy();
    throw tooLarge();
  }
  const body = decoded(response, host);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) {
      body.destroy();
      response.destroy();
      throw tooLarge();
    }
    chunks.push(chunk as Buffer);
  }
  // A byte-order mark is dropped, invalid sequences become U+FFFD rather than failing the feed.
  return new TextDecoder('utf-8').decode(Buffer.concat(chunks));
}

/** The response body as sent before compression. */
function decoded(response: IncomingMessage, host: string): Readable {
  const encoding = (response.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  if (encoding === 'identity') return response;
  const decompress =
    encoding === 'gzip' || encoding === 'x-gzip'
      ? createGunzip()
      : encoding === 'deflate'
        ? createInflate()
        : undefined;
  if (!decompress) {
    response.destroy();
    throw new FeedError('fetch_failed', `${host} sent the feed in an unsupported encoding (${encoding}).`);
  }
  // The pipeline passes an abort or a corrupt stream on to the reader; its callback has nothing more to do.
  return pipeline(response, decompress, () => {});
}

/** Any failure as a FeedError with a short message that quotes no URL. */
function asFeedError(error: unknown, host: string, timedOut: boolean): FeedError {
  if (error instanceof FeedError) return error;
  if (timedOut) return new FeedError('timeout', `${host} did not send the feed in time.`);
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new FeedError('fetch_failed', `The feed's host ${host} was not found.`);
  }
  if (code === 'Z_DATA_ERROR' || code === 'Z_BUF_ERROR') {
    return new FeedError('fetch_failed', `${host} sent a corrupt compressed feed.`);
  }
  return new FeedError('fetch_failed', `Could not fetch the feed from ${host} (${code ?? 'network error'}).`);
}
