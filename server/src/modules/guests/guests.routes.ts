import { Type } from 'typebox';
import { memberOf } from '../../http/access.ts';
import type { AppInstance } from '../../http/types.ts';
import { expectedVersion, setEtag } from '../../http/versions.ts';
import { MANAGERS } from '../../kernel/access.ts';
import {
  GuestCreateBody,
  GuestListQuery,
  GuestParams,
  GuestUpdateBody,
  guestSchemas,
} from './guests.schemas.ts';
import type { GuestsService } from './guests.service.ts';

/** Guests are personal data: managers and admins only. */

export async function guestRoutes(app: AppInstance, guests: GuestsService): Promise<void> {
  for (const schema of guestSchemas) app.addSchema(schema);

  app.get(
    '/api/v1/guests',
    {
      config: { policy: MANAGERS },
      schema: {
        tags: ['guests'],
        summary: 'Guests by name; search matches a part of the name, email or phone',
        operationId: 'listGuests',
        querystring: GuestListQuery,
        response: { 200: Type.Ref('GuestList') },
      },
    },
    async (request) => guests.list(memberOf(request), request.query),
  );

  app.post(
    '/api/v1/guests',
    {
      config: { policy: MANAGERS, idempotent: true },
      schema: {
        tags: ['guests'],
        summary: 'Create a guest (the email is unique in the organization)',
        operationId: 'createGuest',
        body: GuestCreateBody,
        response: { 201: Type.Ref('Guest') },
      },
    },
    async (request, reply) => {
      const guest = await guests.create(memberOf(request), request.body);
      setEtag(reply, guest.version);
      return reply.code(201).header('Location', `/api/v1/guests/${guest.id}`).send(guest);
    },
  );

  app.get(
    '/api/v1/guests/:guestId',
    {
      config: { policy: MANAGERS },
      schema: {
        tags: ['guests'],
        summary: 'One guest',
        operationId: 'getGuest',
        params: GuestParams,
        response: { 200: Type.Ref('Guest') },
      },
    },
    async (request, reply) => {
      const guest = await guests.get(memberOf(request), request.params.guestId);
      setEtag(reply, guest.version);
      return guest;
    },
  );

  app.patch(
    '/api/v1/guests/:guestId',
    {
      config: { policy: MANAGERS },
      schema: {
        tags: ['guests'],
        summary: 'Change a guest (If-Match: its ETag)',
        operationId: 'updateGuest',
        params: GuestParams,
        body: GuestUpdateBody,
        response: { 200: Type.Ref('Guest') },
      },
    },
    async (request, reply) => {
      const guest = await guests.update(
        memberOf(request),
        request.params.guestId,
        request.body,
        expectedVersion(request),
      );
      setEtag(reply, guest.version);
      return guest;
    },
  );

  app.delete(
    '/api/v1/guests/:guestId',
    {
      config: { policy: MANAGERS },
      schema: {
        tags: ['guests'],
        summary: 'Delete a guest without stays (anonymize one with stays)',
        operationId: 'deleteGuest',
        params: GuestParams,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await guests.delete(memberOf(request), request.params.guestId, expectedVersion(request));
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/guests/:guestId/anonymize',
    {
      config: { policy: MANAGERS },
      schema: {
        tags: ['guests'],
        summary: 'Erase the person (GDPR); their stays and money stay',
        operationId: 'anonymizeGuest',
        params: GuestParams,
        response: { 200: Type.Ref('Guest') },
      },
    },
    async (request) => guests.anonymize(memberOf(request), request.params.guestId),
  );

  app.get(
    '/api/v1/guests/:guestId/export',
    {
      config: { policy: MANAGERS },
      schema: {
        tags: ['guests'],
        summary: 'Everything held about a guest (GDPR access)',
        operationId: 'exportGuest',
        params: GuestParams,
        response: { 200: Type.Ref('GuestExport') },
      },
    },
    async (request) => guests.export(memberOf(request), request.params.guestId),
  );
}
