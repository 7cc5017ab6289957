import { type ClientRequest, get, type IncomingHttpHeaders } from 'node:http';

/** One server-sent event as a client reads it. */
export interface ReceivedEvent {
  id: string | null;
  event: string;
  data: string;
  /** When it was read (performance.now()). */
  at: number;
}

export interface EventStreamClient {
  status: number;
  headers: IncomingHttpHeaders;
  /** Every event read so far, in order. */
  events: ReceivedEvent[];
  /** Every comment line read so far (heartbeats), without the colon. */
  comments: string[];
  /** The body of an answer that is not a stream (an error). */
  body(): Promise<string>;
  /** The first event (already read or to come) that matches, or a rejection after `timeoutMs`. */
  next(match: (event: ReceivedEvent) => boolean, timeoutMs?: number): Promise<ReceivedEvent>;
  /** Resolves when a comment matching arrives. */
  nextComment(match: (comment: string) => boolean, timeoutMs?: number): Promise<string>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
}

/**
 * Opens `url` as an EventSource would, over a real socket, and parses what
 * comes (the format of the WHATWG server-sent events specification, enough of
 * it for the tests and the bench). Resolves once the answer's head arrives.
 */
export function openEventStream(
  url: string,
  headers: Record<string, string> = {},
): Promise<EventStreamClient> {
  return new Promise((resolve, reject) => {
    const request: ClientRequest = get(
      url,
      { headers: { accept: 'text/event-stream', ...headers } },
      (response) => {
        const events: ReceivedEvent[] = [];
        const comments: string[] = [];
        const waiters = new Set<() => void>();
        let buffer = '';
        let raw = '';
        let endResolve: () => void = () => {};
        const ended = new Promise<void>((done) => {
          endResolve = done;
        });
        const notify = () => {
          for (const waiter of [...waiters]) waiter();
        };
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          raw += chunk;
          buffer += chunk;
          let boundary = buffer.indexOf('\n\n');
          while (boundary !== -1) {
            const block = buffer.slice(0, boundary);
            buffer = buffer.slice(boundary + 2);
            let id: string | null = null;
            let event = 'message';
            const data: string[] = [];
            for (const line of block.split('\n')) {
              if (line.startsWith(':')) comments.push(line.slice(1).trim());
              else {
                const colon = line.indexOf(':');
                const field = colon === -1 ? line : line.slice(0, colon);
                const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
                if (field === 'id') id = value;
                else if (field === 'event') event = value;
                else if (field === 'data') data.push(value);
              }
            }
            if (data.length > 0) events.push({ id, event, data: data.join('\n'), at: performance.now() });
            boundary = buffer.indexOf('\n\n');
          }
          notify();
        });
        response.on('end', () => endResolve());
        response.on('close', () => endResolve());
        const waitFor = <T>(find: () => T | undefined, timeoutMs: number, what: string) =>
          new Promise<T>((found, fail) => {
            const check = () => {
              const result = find();
              if (result === undefined) return;
              clearTimeout(timer);
              waiters.delete(check);
              found(result);
            };
            const timer = setTimeout(() => {
              waiters.delete(check);
              fail(new Error(`no ${what} within ${timeoutMs} ms; events: ${JSON.stringify(events)}`));
            }, timeoutMs);
            waiters.add(check);
            check();
          });
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          events,
          comments,
          body: async () => {
            await ended;
            return raw;
          },
          next: (match, timeoutMs = 5_000) => waitFor(() => events.find(match), timeoutMs, 'matching event'),
          nextComment: (match, timeoutMs = 5_000) =>
            waitFor(() => comments.find(match), timeoutMs, 'matching comment'),
          ended,
          close: () => {
            request.destroy();
            response.destroy();
          },
        });
      },
    );
    request.on('error', reject);
  });
}
