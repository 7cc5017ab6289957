import { Type } from 'typebox';
import { memberOf } from '../../http/access.ts';
import type { AppInstance } from '../../http/types.ts';
import { expectedVersion, setEtag } from '../../http/versions.ts';
import { ALL_ROLES, MANAGERS } from '../../kernel/access.ts';
import {
  ReservationAnyView,
  ReservationCreateBody,
  ReservationListQuery,
  ReservationParams,
  ReservationUpdateBody,
  reservationSchemas,
} from './reservations.schemas.ts';
import { type ReservationsService, seesFullReservation } from './reservations.service.ts';

// Serializers of the two views of a reservation, compiled once per route.
const FULL = { $ref: 'Reservation' };
const LIMITED = { $ref: 'ReservationLimitedView' };

export async function reservationRoutes(app: AppInstance, reservations: ReservationsService): Promise<void> {
  for (const schema of reservationSchemas) app.addSchema(schema);

  app.get(
    '/api/v1/reservations',
    {
      config: { policy: ALL_ROLES },
      schema: {
        tags: ['reservations'],
        summary: 'Reservations by check-in; from/to keep the stays overlapping [from, to)',
        operationId: 'listReservations',
        querystring: ReservationListQuery,
        response: { 200: Type.Ref('ReservationList') },
      },
    },
    async (request) => reservations.list(memberOf(request), request.query),
  );

  app.post(
    '/api/v1/reservations',
    {
      config: { policy: MANAGERS, idempotent: true },
      schema: {
        tags: ['reservations'],
        summary:
          'Create a reservation; 409 with conflictingReservationId or conflictingBlockId when a night is taken',
        operationId: 'createReservation',
        body: ReservationCreateBody,
        response: { 201: Type.Ref('Reservation') },
      },
    },
    async (request, reply) => {
      const reservation = await reservations.create(memberOf(request), request.body);
      setEtag(reply, reservation.version);
      return reply.code(201).header('Location', `/api/v1/reservations/${reservation.id}`).send(reservation);
    },
  );

  app.get(
    '/api/v1/reservations/:reservationId',
    {
      config: { policy: ALL_ROLES },
      schema: {
        tags: ['reservations'],
        summary: 'One reservation',
        operationId: 'getReservation',
        params: ReservationParams,
        response: { 200: ReservationAnyView },
      },
    },
    async (request, reply) => {
      const member = memberOf(request);
      const reservation = await reservations.get(member, request.params.reservationId);
      setEtag(reply, reservation.version);
      // The role says which view this is; the union's serializer would find out by validating it.
      reply.serializer(reply.compileSerializationSchema(seesFullReservation(member.role) ? FULL : LIMITED));
      return reservation;
    },
  );

  app.patch(
    '/api/v1/reservations/:reservationId',
    {
      config: { policy: MANAGERS },
      schema: {
        tags: ['reservations'],
        summary:
          'Change a reservation (If-Match: its ETag). Status: pending → confirmed → checked_in → checked_out, ' +
          'or pending/confirmed → cancelled; a manager may undo a check-in (checked_in → confirmed: a round ' +
          'the check-in skipped is current again) or a check-out (checked_out → checked_in: the round the ' +
          'departure opened is removed if nobody ticked anything in it, kept otherwise)',
        operationId: 'updateReservation',
        params: ReservationParams,
        body: ReservationUpdateBody,
        response: { 200: Type.Ref('Reservation') },
      },
    },
    async (request, reply) => {
      const reservation = await reservations.update(
        memberOf(request),
        request.params.reservationId,
        request.body,
        expectedVersion(request),
      );
      setEtag(reply, reservation.version);
      return reservation;
    },
  );

  app.delete(
    '/api/v1/reservations/:reservationId',
    {
      config: { policy: MANAGERS },
      schema: {
        tags: ['reservations'],
        summary: 'Delete a reservation entered by mistake (cancel a real one instead)',
        operationId: 'deleteReservation',
        params: ReservationParams,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await reservations.delete(memberOf(request), request.params.reservationId, expectedVersion(request));
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/reservations/:reservationId/history',
    {
      config: { policy: ALL_ROLES },
      schema: {
        tags: ['reservations'],
        summary: 'Every change of a reservation: who, when, before and after',
        operationId: 'getReservationHistory',
        params: ReservationParams,
        response: { 200: Type.Ref('ReservationHistory') },
      },
    },
    async (request) => reservations.history(memberOf(request), request.params.reservationId),
  );
}
