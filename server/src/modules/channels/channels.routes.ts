import { Type } from 'typebox';
import { memberOf } from '../../http/access.ts';
import { notFound } from '../../http/errors.ts';
import { allowEmptyBody } from '../../http/inputs.ts';
import type { AppInstance } from '../../http/types.ts';
import { expectedVersion, setEtag } from '../../http/versions.ts';
import { MANAGERS } from '../../kernel/access.ts';
import {
  ChannelCreateBody,
  ChannelParams,
  ChannelUpdateBody,
  ConflictListQuery,
  channelSchemas,
  ExportParams,
  ExportRotateBody,
  HouseParams,
  SyncBody,
  SyncListQuery,
} from './channels.schemas.ts';
import type { ChannelsService } from './channels.service.ts';

export async function channelRoutes(app: AppInstance, channels: ChannelsService): Promise<void> {
  for (const schema of channelSchemas) app.addSchema(schema);

  app.get(
    '/api/v1/houses/:houseId/channels',
    {
      config: { policy: MANAGERS },
      schema: {
        tags: ['channels'],
        summary: "A house's channel feeds (iCal imports), with their state",
        operationId: 'listChannels',
        params: HouseParams,
        response: { 200: Type.Ref('ChannelList') },
      },
    },
    async (request) => channels.list(memberOf(request), request.params.houseId),
  );

  app.post(
    '/api/v1/houses/:houseId/channels',
    {
      config: { policy: MANAGERS, idempotent: true },
      schema: {
        tags: ['channels'],
        summary: "Import a channel's iCal feed into a house; it is synced at once, then periodically",
        operationId: 'createChannel',
        params: HouseParams,
        body: ChannelCreateBody,
        response: { 201: Type.Ref('Channel') },
      },
    },
    async (request, reply) => {
      const channel = await channels.create(memberOf(request), request.params.houseId, request.body);
      setEtag(reply, channel.version);
      return reply.code(201).header('Location', `/api/v1/channels/${channel.id}`).send(channel);
    },
  );

  app.get(
    '/api/v1/channels/:channelId',
    {
      config: { policy: MANAGERS },
      schema: {
        tags: ['channels'],
        summary: 'One channel feed',
        operationId: 'getChannel',
        params: ChannelParams,
        response: { 200: Type.Ref('Channel') },
      },
    },
    async (request, reply) => {
      const channel = await channels.get(memberOf(request), request.params.channelId);
      setEtag(reply, channel.version);
      return channel;
    },
  );

  app.patch(
    '/api/v1/channels/:channelId',
    {
      config: { policy: MANAGERS },
      schema: {
        tags: ['channels'],
        summary:
          'Rename a channel feed or change its address (If-Match: its ETag); a new address is synced at once',
        operationId: 'updateChannel',
        params: ChannelParams,
        body: ChannelUpdateBody,
        response: { 200: Type.Ref('Channel') },
      },
    },
    async (request, reply) => {
      const channel = await channels.update(
        memberOf(request),
        request.params.channelId,
        request.body,
        expectedVersion(request),
      );
      setEtag(reply, channel.version);
      return channel;
    },
  );

  app.delete(
    '/api/v1/channels/:channelId',
    {
      config: { policy: MANAGERS },
      schema: {
        tags: ['channels'],
        summary: 'Stop importing a feed: its upcoming blocks go, its stays stay',
        operationId: 'deleteChannel',
        params: ChannelParams,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await channels.remove(memberOf(request), request.params.channelId, expectedVersion(request));
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/channels/:channelId/sync',
    {
      config: { policy: MANAGERS },
      preValidation: allowEmptyBody,
      schema: {
        tags: ['channels'],
        summary:
          'Sync a feed now; 409 while another sync of it runs. confirmCancellations applies a feed refused for dropping too many stays',
        operationId: 'syncChannel',
        params: ChannelParams,
        body: SyncBody,
        response: { 200: Type.Ref('ChannelSyncResult') },
      },
    },
    async (request) =>
      channels.syncNow(memberOf(request), request.params.channelId, {
        confirmCancellations: request.body.confirmCancellations ?? false,
      }),
  );

  app.get(
    '/api/v1/channels/:channelId/syncs',
    {
      config: { policy: MANAGERS },
      schema: {
        tags: ['channels'],
        summary: "A feed's sync log, newest first",
        operationId: 'listChannelSyncs',
        params: ChannelParams,
        querystring: SyncListQuery,
        response: { 200: Type.Ref('ChannelSyncList') },
      },
    },
    async (request) => channels.syncs(memberOf(request), request.params.channelId, request.query.limit),
  );

  app.get(
    '/api/v1/channel-conflicts',
    {
      config: { policy: MANAGERS },
      schema: {
        tags: ['channels'],
        summary:
          'Feed events kept out because their nights are taken, both sides named (of one house or all)',
        operationId: 'listChannelConflicts',
        querystring: ConflictListQuery,
        response: { 200: Type.Ref('ChannelConflictList') },
      },
    },
    async (request) => channels.conflicts(memberOf(request), request.query),
  );

  app.get(
    '/api/v1/houses/:houseId/ical-export',
    {
      config: { policy: MANAGERS },
      schema: {
        tags: ['channels'],
        summary: "The secret URLs of a house's calendar, one per channel, to paste into each channel",
        operationId: 'listIcalExports',
        params: HouseParams,
        response: { 200: Type.Ref('IcalExportList') },
      },
    },
    async (request) => channels.exports(memberOf(request), request.params.houseId),
  );

  app.post(
    '/api/v1/houses/:houseId/ical-export/rotate',
    {
      config: { policy: MANAGERS },
      preValidation: allowEmptyBody,
      schema: {
        tags: ['channels'],
        summary: 'New secret export URLs (all, or one channel): the old ones stop working',
        operationId: 'rotateIcalExports',
        params: HouseParams,
        body: ExportRotateBody,
        response: { 200: Type.Ref('IcalExportList') },
      },
    },
    async (request) =>
      channels.rotateExports(memberOf(request), request.params.houseId, request.body.channel),
  );

  app.get(
    '/ical/:token',
    {
      config: { policy: 'public' },
      schema: {
        tags: ['channels'],
        summary: "A house's calendar for a channel to import (the secret URL is the credential)",
        operationId: 'getIcalExport',
        params: ExportParams,
        produces: ['text/calendar'],
        response: { 200: Type.String(), 404: Type.Ref('Problem') },
      },
    },
    async (request, reply) => {
      const feed = await channels.exportFeed(request.params.token.replace(/\.ics$/, ''));
      if (feed === null) throw notFound('No such calendar.');
      return reply
        .type('text/calendar; charset=utf-8')
        .header('Cache-Control', 'private, max-age=300')
        .header('Content-Disposition', 'inline; filename="calendar.ics"')
        .send(feed);
    },
  );
}
