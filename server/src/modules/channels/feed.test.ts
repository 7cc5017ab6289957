import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FeedError, type FeedFailure, fetchFeed, isForbiddenAddress } from './feed.ts';

const CALENDAR = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n';
const MB = 1024 * 1024;
const SECRET = 's3cr3t-token';

/**
 * A local server with one route per way a feed can answer. Connections are
 * closed when the tests end, stalled ones included.
 */
let server: Server;
let base: string;
let lastHeaders: IncomingHttpHeaders = {};
let requestCount = 0;

const routes: Record<string, (response: ServerResponse) => void> = {
  '/calendar': (response) => response.writeHead(200, { 'content-type': 'text/calendar' }).end(CALENDAR),
  '/failing': (response) => response.writeHead(500).end('Internal error'),
  '/hop-1': (response) => response.writeHead(302, { location: '/hop-2' }).end(),
  '/hop-2': (response) => response.writeHead(301, { location: `${base}/calendar` }).end(),
  '/loop': (response) => response.writeHead(307, { location: '/loop' }).end(),
  '/to-ftp': (response) => response.writeHead(302, { location: 'ftp://example.com/feed.ics' }).end(),
  '/to-file': (response) => response.writeHead(308, { location: 'file:///etc/passwd' }).end(),
  '/silent': () => {},
  '/stalled-body': (response) => {
    response.writeHead(200, { 'content-type': 'text/calendar' });
    response.write('BEGIN:VCALENDAR\r\n');
  },
  '/huge-stream': (response) => {
    response.writeHead(200, { 'content-type': 'text/calendar' });
    streamBytes(response, 6 * MB);
  },
  '/huge-declared': (response) => {
    response.writeHead(200, { 'content-type': 'text/calendar', 'content-length': String(6 * MB) });
    response.write('BEGIN:VCALENDAR\r\n');
  },
  '/gzip': (response) =>
    response.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync(Buffer.from(CALENDAR))),
  '/gzip-bomb': (response) =>
    response.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync(Buffer.alloc(6 * MB, 'A'))),
};

/** Writes `size` bytes in chunks, honouring backpressure, until done or the client goes away. */
function streamBytes(response: ServerResponse, size: number): void {
  const chunk = Buffer.alloc(64 * 1024, 'A');
  let sent = 0;
  const writeMore = () => {
    while (sent < size && !response.destroyed) {
      sent += chunk.length;
      if (!response.write(chunk)) return void response.once('drain', writeMore);
    }
    response.end();
  };
  response.on('error', () => {});
  writeMore();
}

beforeAll(async () => {
  server = createServer((request, response) => {
    lastHeaders = request.headers;
    requestCount++;
    const route = routes[new URL(request.url ?? '/', 'http://x').pathname];
    if (route) route(response);
    else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const local = { allowPrivateAddresses: true };

/** The FeedError a fetch fails with (the test fails if it succeeds or throws anything else). */
async function failure(promise: Promise<unknown>): Promise<FeedError> {
  const error = await promise.then(
    () => expect.fail('the fetch succeeded'),
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(FeedError);
  return error as FeedError;
}

async function expectFailure(promise: Promise<unknown>, reason: FeedFailure): Promise<FeedError> {
  const error = await failure(promise);
  expect(error.reason).toBe(reason);
  return error;
}

describe('fetching a feed', () => {
  it('returns the body of a 200, asking for a calendar as Staykeep', async () => {
    const feed = await fetchFeed(`${base}/calendar?token=${SECRET}`, { ...local, version: '1.2.3' });
    expect(feed).toEqual({ httpStatus: 200, body: CALENDAR, finalUrl: `${base}/calendar?token=${SECRET}` });
    expect(lastHeaders.accept).toBe('text/calendar, */*;q=0.5');
    expect(lastHeaders['user-agent']).toBe('Staykeep/1.2.3');
    expect(lastHeaders['accept-encoding']).toBe('gzip, deflate');
    await fetchFeed(`${base}/calendar`, local);
    expect(lastHeaders['user-agent']).toBe('Staykeep');
  });

  it('fails on a status other than 2xx, with the status and without the query string', async () => {
    const error = await expectFailure(fetchFeed(`${base}/failing?token=${SECRET}`, local), 'http_status');
    expect(error.httpStatus).toBe(500);
    expect(error.message).toBe(`${new URL(base).host} answered with HTTP 500.`);
    expect(error.message).not.toContain(SECRET);
  });

  it('follows redirects up to the limit, and no further', async () => {
    const feed = await fetchFeed(`${base}/hop-1`, local);
    expect(feed.body).toBe(CALENDAR);
    expect(feed.finalUrl).toBe(`${base}/calendar`);

    await expectFailure(fetchFeed(`${base}/hop-1`, { ...local, maxRedirects: 1 }), 'too_many_redirects');
    const loop = await expectFailure(fetchFeed(`${base}/loop?token=${SECRET}`, local), 'too_many_redirects');
    expect(loop.httpStatus).toBeNull();
    expect(loop.message).not.toContain(SECRET);
  });

  it('fetches http and https URLs only, redirects included', async () => {
    await expectFailure(fetchFeed(`${base}/to-ftp`, local), 'invalid_url');
    await expectFailure(fetchFeed(`${base}/to-file`, local), 'invalid_url');
    for (const url of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'ftp://example.com/x.ics',
      'not a url',
      '',
    ]) {
      await expectFailure(fetchFeed(url, local), 'invalid_url');
    }
  });

  it('gives up when the server is too slow, before headers or during the body', async () => {
    for (const path of ['/silent', '/stalled-body']) {
      const started = performance.now();
      const error = await expectFailure(
        fetchFeed(`${base}${path}?token=${SECRET}`, { ...local, timeoutMs: 300 }),
        'timeout',
      );
      expect(performance.now() - started).toBeLessThan(2_000);
      expect(error.message).not.toContain(SECRET);
    }
  });

  it('refuses a body larger than the limit, streamed, declared or once decompressed', async () => {
    await expectFailure(fetchFeed(`${base}/huge-stream`, local), 'too_large');
    await expectFailure(fetchFeed(`${base}/huge-declared`, local), 'too_large');
    await expectFailure(fetchFeed(`${base}/gzip-bomb`, local), 'too_large');
    await expectFailure(fetchFeed(`${base}/calendar`, { ...local, maxBytes: 10 }), 'too_large');
  });

  it('decompresses a gzip body', async () => {
    expect((await fetchFeed(`${base}/gzip`, local)).body).toBe(CALENDAR);
  });

  it('fails with a short message when nothing listens', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const error = await expectFailure(
      fetchFeed(`http://127.0.0.1:${port}/?token=${SECRET}`, local),
      'fetch_failed',
    );
    expect(error.message).toBe(`Could not fetch the feed from 127.0.0.1:${port} (ECONNREFUSED).`);
  });

  it('refuses loopback addresses, by address or by name, unless private addresses are allowed', async () => {
    const { port } = new URL(base);
    const strict = { allowPrivateAddresses: false };
    const requestsBefore = requestCount;
    for (const host of ['127.0.0.1', 'localhost', '[::1]', '[::ffff:127.0.0.1]', '2130706433', 'LocalHost']) {
      const error = await expectFailure(
        fetchFeed(`http://${host}:${port}/calendar?token=${SECRET}`, strict),
        'forbidden_address',
      );
      expect(error.message).not.toContain(SECRET);
    }
    // Refused before connecting: the server never saw a request.
    expect(requestCount).toBe(requestsBefore);
    for (const host of ['127.0.0.1', 'localhost']) {
      expect((await fetchFeed(`http://${host}:${port}/calendar`, local)).body).toBe(CALENDAR);
    }
  });
});

describe('addresses a feed may not reach', () => {
  it.each([
    ['10.1.2.3', true],
    ['172.16.0.1', true],
    ['172.31.255.254', true],
    ['192.168.1.1', true],
    ['127.0.0.1', true],
    ['127.255.0.9', true],
    ['169.254.169.254', true],
    ['100.64.0.1', true],
    ['100.127.255.255', true],
    ['0.0.0.0', true],
    ['224.0.0.1', true],
    ['255.255.255.255', true],
    ['::', true],
    ['::1', true],
    ['fe80::1', true],
    ['fc00::1', true],
    ['fd12:3456::1', true],
    ['ff02::1', true],
    ['::ffff:127.0.0.1', true],
    ['::ffff:10.0.0.1', true],
    ['::ffff:7f00:1', true],
    ['not an address', true],
    ['8.8.8.8', false],
    ['93.184.216.34', false],
    ['172.32.0.1', false],
    ['100.128.0.1', false],
    ['::7f00:1', true],
    ['64:ff9b::7f00:1', true],
    ['2002:7f00:1::', true],
    ['2001:4860::8888', false],
    ['::ffff:8.8.8.8', false],
  ])('%s: forbidden %s', (ip, expected) => {
    expect(isForbiddenAddress(ip)).toBe(expected);
  });
});
