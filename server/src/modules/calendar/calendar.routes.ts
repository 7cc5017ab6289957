import { Type } from 'typebox';
import { memberOf } from '../../http/access.ts';
import type { AppInstance } from '../../http/types.ts';
import { expectedVersion, setEtag } from '../../http/versions.ts';
import { ALL_ROLES, MANAGERS } from '../../kernel/access.ts';
import {
  AvailabilityQuery,
  BlockCreateBody,
  BlockListQuery,
  BlockParams,
  BlockUpdateBody,
  CalendarQuery,
  calendarSchemas,
} from './calendar.schemas.ts';
import type { CalendarService } from './calendar.service.ts';

export async function calendarRoutes(app: AppInstance, calendar: CalendarService): Promise<void> {
  for (const schema of calendarSchemas) app.addSchema(schema);

  app.get(
    '/api/v1/calendar',
    {
      config: { policy: ALL_ROLES },
      schema: {
        tags: ['calendar'],
        summary:
          'Stays and blocks of each house overlapping [from, to); format=days gives one entry per house and day',
        operationId: 'getCalendar',
        querystring: CalendarQuery,
        response: { 200: Type.Ref('Calendar') },
      },
    },
    async (request, reply) => {
      const text = await calendar.calendarJson(memberOf(request), request.query, (value) =>
        String(reply.serialize(value)),
      );
      return reply.type('application/json; charset=utf-8').send(text);
    },
  );

  app.get(
    '/api/v1/availability',
    {
      config: { policy: ALL_ROLES },
      schema: {
        tags: ['calendar'],
        summary: 'Active houses free for the whole stay and large enough for the guests',
        operationId: 'getAvailability',
        querystring: AvailabilityQuery,
        response: { 200: Type.Ref('HouseList') },
      },
    },
    async (request) => calendar.availability(memberOf(request), request.query),
  );

  app.get(
    '/api/v1/blocks',
    {
      config: { policy: ALL_ROLES },
      schema: {
        tags: ['calendar'],
        summary: 'Blocks (maintenance, owner stays…) overlapping [from, to)',
        operationId: 'listBlocks',
        querystring: BlockListQuery,
        response: { 200: Type.Ref('BlockList') },
      },
    },
    async (request) => calendar.listBlocks(memberOf(request), request.query),
  );

  app.post(
    '/api/v1/blocks',
    {
      config: { policy: MANAGERS, idempotent: true },
      schema: {
        tags: ['calendar'],
        summary: 'Block nights of a house; 409 naming the stay or block already there',
        operationId: 'createBlock',
        body: BlockCreateBody,
        response: { 201: Type.Ref('Block') },
      },
    },
    async (request, reply) => {
      const block = await calendar.createBlock(memberOf(request), request.body);
      setEtag(reply, block.version);
      return reply.code(201).header('Location', `/api/v1/blocks/${block.id}`).send(block);
    },
  );

  app.get(
    '/api/v1/blocks/:blockId',
    {
      config: { policy: ALL_ROLES },
      schema: {
        tags: ['calendar'],
        summary: 'One block',
        operationId: 'getBlock',
        params: BlockParams,
        response: { 200: Type.Ref('Block') },
      },
    },
    async (request, reply) => {
      const block = await calendar.getBlock(memberOf(request), request.params.blockId);
      setEtag(reply, block.version);
      return block;
    },
  );

  app.patch(
    '/api/v1/blocks/:blockId',
    {
      config: { policy: MANAGERS },
      schema: {
        tags: ['calendar'],
        summary: 'Change a block (If-Match: its ETag)',
        operationId: 'updateBlock',
        params: BlockParams,
        body: BlockUpdateBody,
        response: { 200: Type.Ref('Block') },
      },
    },
    async (request, reply) => {
      const block = await calendar.updateBlock(
        memberOf(request),
        request.params.blockId,
        request.body,
        expectedVersion(request),
      );
      setEtag(reply, block.version);
      return block;
    },
  );

  app.delete(
    '/api/v1/blocks/:blockId',
    {
      config: { policy: MANAGERS },
      schema: {
        tags: ['calendar'],
        summary: 'Remove a block, freeing its nights',
        operationId: 'deleteBlock',
        params: BlockParams,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await calendar.deleteBlock(memberOf(request), request.params.blockId, expectedVersion(request));
      return reply.code(204).send(null);
    },
  );
}
