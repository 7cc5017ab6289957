import { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { memberOf } from '../../http/access.ts';
import { Id, Token } from '../../http/inputs.ts';
import type { AppInstance } from '../../http/types.ts';
import { ALL_ROLES } from '../../kernel/access.ts';
import type { LiveService } from './live.service.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The event streams open on this instance (for the operations' gauge and the tests). */
    eventStreamsOpen(): number;
  }
}

export const EVENTS_ROUTE = '/api/v1/events';

const EventStreamQuery = Type.Object(
  {
    lastEventId: Type.Optional(
      Token(40, 'The last event id received, for a client that cannot send the Last-Event-ID header'),
    ),
    access_token: Type.Optional(
      Token(4096, 'The access token, for a browser EventSource, which cannot send an Authorization header'),
    ),
    organizationId: Type.Optional(Id('The organization, for a client that cannot send X-Organization-Id')),
  },
  { additionalProperties: false },
);

/**
 * A browser's EventSource sends no headers of its own: on this route alone the
 * access token and the organization may come in the query string. They are
 * moved into the headers before access control reads them, so the stream is
 * authenticated exactly like every other route. Registered before access
 * control. The request log masks the token (app.ts).
 */
export function acceptEventStreamCredentials(app: FastifyInstance): void {
  app.addHook('onRequest', (request, _reply, done) => {
    if (request.routeOptions.url !== EVENTS_ROUTE) return done();
    const query = new URLSearchParams(request.url.slice(request.url.indexOf('?') + 1 || request.url.length));
    const token = query.get('access_token');
    const organization = query.get('organizationId');
    if (token && request.headers.authorization === undefined)
      request.headers.authorization = `Bearer ${token}`;
    if (organization && request.headers['x-organization-id'] === undefined) {
      request.headers['x-organization-id'] = organization;
    }
    done();
  });
}

export async function liveRoutes(app: AppInstance, live: LiveService): Promise<void> {
  app.decorate('eventStreamsOpen', () => live.streamsOpen());
  // Open streams would keep the server from closing: they end first.
  app.addHook('preClose', async () => {
    await live.close();
  });

  app.get(
    EVENTS_ROUTE,
    {
      config: { policy: ALL_ROLES },
      schema: {
        tags: ['live'],
        summary:
          'Server-sent events for the caller: `change` ({ entityType, entityId, action }) for the changes of the organization (not to owners; staff not of money), `notification` (a Notification) for their own, `reset` ({ reason }) when the events since Last-Event-ID cannot be replayed (reload everything); each with an id usable as Last-Event-ID; a comment at least every 25 s',
        operationId: 'streamEvents',
        querystring: EventStreamQuery,
        produces: ['text/event-stream'],
        response: { 200: Type.String({ description: 'text/event-stream' }) },
      },
    },
    async (request, reply) => {
      const member = memberOf(request);
      const header = request.headers['last-event-id'];
      const lastEventId =
        (typeof header === 'string' ? header : undefined) ?? request.query.lastEventId ?? null;
      // The poller starts (its first read) while an error can still be answered as a problem.
      await live.ready();
      reply.hijack();
      const response = reply.raw;
      // The security headers and the request id set on the reply so far, and the stream's own.
      for (const [name, value] of Object.entries(reply.getHeaders())) {
        if (value !== undefined) response.setHeader(name, value);
      }
      response.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
      response.setHeader('Cache-Control', 'no-cache');
      // nginx would otherwise hold events back in its buffer.
      response.setHeader('X-Accel-Buffering', 'no');
      response.statusCode = 200;
      let gone = false;
      let stream: { close(): void } | null = null;
      response.on('close', () => {
        gone = true;
        stream?.close();
      });
      try {
        stream = await live.open(
          { userId: member.userId, organizationId: member.organizationId, role: member.role },
          lastEventId,
          {
            write: (text) => {
              response.write(text);
            },
            end: () => response.end(),
            buffered: () => response.writableLength,
          },
        );
      } catch (error) {
        // The poller could not start again (the database is gone): the client's EventSource retries.
        request.log.warn({ err: error }, 'live: the stream could not start');
        if (!response.headersSent) response.statusCode = 503;
        response.end();
        return;
      }
      // app.inject has no connection to hold open: it gets the stream's opening and replay, then the end.
      if (gone || !(request.raw.socket instanceof Socket)) stream.close();
    },
  );
}
