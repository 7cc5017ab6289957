import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the feed server answers at a path: a body, another status, a slow or endless answer. */
export interface FeedAnswer {
  status?: number;
  body?: string;
  /** Waits this long before answering. */
  delayMs?: number;
  /** Streams this many bytes of calendar-looking text, without a Content-Length. */
  streamBytes?: number;
}

/** One all-day event of a test feed. */
export interface TestEvent {
  uid: string;
  start: string;
  end: string;
  summary?: string;
}

const icalDate = (date: string) => date.replaceAll('-', '');

/** A feed the way channels write theirs: all-day events, DTEND the check-out day. */
export function icalFeed(events: TestEvent[], prodId = '-//Staykeep tests//EN'): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', `PRODID:${prodId}`, 'CALSCALE:GREGORIAN'];
  for (const event of events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${event.uid}`,
      'DTSTAMP:20261201T101500Z',
      `DTSTART;VALUE=DATE:${icalDate(event.start)}`,
      `DTEND;VALUE=DATE:${icalDate(event.end)}`,
      `SUMMARY:${event.summary ?? 'Reserved'}`,
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * A real HTTP server on loopback serving test feeds that change between
 * syncs, the way a channel's export does.
 */
export class FeedServer {
  readonly #answers = new Map<string, FeedAnswer>();
  readonly #server: http.Server;
  /** Requests received, by path. */
  readonly hits = new Map<string, number>();

  private constructor(server: http.Server) {
    this.#server = server;
  }

  static async start(): Promise<FeedServer> {
    const server = http.createServer();
    const feeds = new FeedServer(server);
    server.on('request', (request, response) => feeds.#answer(request, response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return feeds;
  }

  url(path: string): string {
    const { port } = this.#server.address() as AddressInfo;
    return `http://127.0.0.1:${port}${path}`;
  }

  serve(path: string, answer: FeedAnswer | string): void {
    this.#answers.set(path, typeof answer === 'string' ? { body: answer } : answer);
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  async #answer(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    this.hits.set(path, (this.hits.get(path) ?? 0) + 1);
    const answer = this.#answers.get(path) ?? { status: 404, body: 'not found' };
    if (answer.delayMs) await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
    if (response.destroyed) return;
    response.statusCode = answer.status ?? 200;
    response.setHeader('Content-Type', 'text/calendar; charset=utf-8');
    if (answer.streamBytes) {
      const chunk = Buffer.alloc(64 * 1024, 'X');
      response.write('BEGIN:VCALENDAR\r\nX-FILLER:');
      let sent = 0;
      const more = () => {
        while (sent < (answer.streamBytes ?? 0)) {
          sent += chunk.length;
          if (!response.write(chunk)) {
            response.once('drain', more);
            return;
          }
        }
        response.end('\r\nEND:VCALENDAR\r\n');
      };
      response.on('error', () => {});
      more();
      return;
    }
    response.end(answer.body ?? '');
  }
}
