import { Type } from 'typebox';
import {
  CHANNEL_EVENT_KINDS,
  CHANNEL_FEED_STATUSES,
  CHANNEL_SOURCES,
  CHANNEL_SYNC_STATUSES,
  SYNC_ERROR_CODES,
} from '../../db/tables.ts';
import { CalendarDateOut, Id, Name, Token } from '../../http/inputs.ts';

const ChannelSourceSchema = Type.Enum(CHANNEL_SOURCES, { $id: 'ChannelSource' });
const SyncErrorCodeSchema = Type.Enum(SYNC_ERROR_CODES, {
  $id: 'ChannelSyncErrorCode',
  description:
    'Why a sync changed nothing; empty_feed and too_many_cancellations can be overridden with confirmCancellations',
});
const Instant = Type.String({ format: 'date-time' });
const MaybeInstant = Type.Union([Instant, Type.Null()]);

export const ChannelSchema = Type.Object(
  {
    id: Type.String(),
    houseId: Type.String(),
    name: Type.String(),
    source: Type.Ref('ChannelSource'),
    url: Type.String(),
    status: Type.Enum(CHANNEL_FEED_STATUSES, {
      description:
        'pending: not synced yet; ok: the last sync applied; error: it changed nothing (lastError)',
    }),
    lastError: Type.Union([Type.String(), Type.Null()]),
    lastErrorCode: Type.Union([Type.Ref('ChannelSyncErrorCode'), Type.Null()]),
    lastSyncAt: MaybeInstant,
    lastSuccessAt: MaybeInstant,
    nextSyncAt: Instant,
    conflicts: Type.Integer({ description: 'Events of the feed kept out by an overlap, open now' }),
    version: Type.Integer(),
    createdAt: Instant,
    updatedAt: Instant,
  },
  { $id: 'Channel', additionalProperties: false },
);

export const ChannelListSchema = Type.Object(
  { items: Type.Array(Type.Ref('Channel')) },
  { $id: 'ChannelList', additionalProperties: false },
);

/** A feed URL: http(s) only, one line. Where it may point is checked when it is fetched. */
const FeedUrl = () =>
  Type.String({
    format: 'single-line',
    'x-trim': true,
    minLength: 8,
    maxLength: 2000,
    pattern: '^[Hh][Tt][Tt][Pp][Ss]?://[^\\s]+$',
    description: "The channel's iCal export address (http or https)",
  });

export const ChannelCreateBody = Type.Object(
  {
    name: Name(100),
    source: Type.Enum(CHANNEL_SOURCES),
    url: FeedUrl(),
  },
  { additionalProperties: false },
);

export const ChannelUpdateBody = Type.Object(
  {
    name: Type.Optional(Name(100)),
    source: Type.Optional(Type.Enum(CHANNEL_SOURCES)),
    url: Type.Optional(FeedUrl()),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const ChannelParams = Type.Object({ channelId: Id() }, { additionalProperties: false });
export const HouseParams = Type.Object({ houseId: Id() }, { additionalProperties: false });

export const SyncResultSchema = Type.Object(
  {
    status: Type.Enum(CHANNEL_SYNC_STATUSES),
    fetchedAt: Instant,
    events: Type.Integer({ description: 'Events read from the feed' }),
    created: Type.Integer(),
    updated: Type.Integer(),
    cancelled: Type.Integer(),
    conflicts: Type.Integer({ description: 'Events of the feed in conflict after this sync' }),
    error: Type.Union([Type.String(), Type.Null()]),
    errorCode: Type.Union([Type.Ref('ChannelSyncErrorCode'), Type.Null()]),
  },
  { $id: 'ChannelSyncResult', additionalProperties: false },
);

export const SyncSchema = Type.Object(
  {
    id: Type.String(),
    startedAt: Instant,
    durationMs: Type.Integer(),
    status: Type.Enum(CHANNEL_SYNC_STATUSES),
    httpStatus: Type.Union([Type.Integer(), Type.Null()]),
    events: Type.Integer(),
    created: Type.Integer(),
    updated: Type.Integer(),
    cancelled: Type.Integer(),
    conflicts: Type.Integer(),
    error: Type.Union([Type.String(), Type.Null()]),
    errorCode: Type.Union([Type.Ref('ChannelSyncErrorCode'), Type.Null()]),
  },
  { $id: 'ChannelSync', additionalProperties: false },
);

export const SyncListSchema = Type.Object(
  { items: Type.Array(Type.Ref('ChannelSync')), nextCursor: Type.Null() },
  { $id: 'ChannelSyncList', additionalProperties: false },
);

export const SyncBody = Type.Object(
  {
    confirmCancellations: Type.Optional(
      Type.Boolean({
        description:
          'The stays the feed dropped are really cancelled: apply it even if it drops more than half',
      }),
    ),
  },
  { additionalProperties: false },
);

export const SyncListQuery = Type.Object(
  { limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }) },
  { additionalProperties: false },
);

const DateRange = { start: CalendarDateOut, end: CalendarDateOut };

export const ConflictSchema = Type.Object(
  {
    channelId: Type.String(),
    channelName: Type.String(),
    source: Type.Ref('ChannelSource'),
    houseId: Type.String(),
    uid: Type.String({ description: "The event's UID in the feed" }),
    kind: Type.Enum(CHANNEL_EVENT_KINDS),
    ...DateRange,
    guestName: Type.Union([Type.String(), Type.Null()]),
    reservationId: Type.Union([Type.String(), Type.Null()], {
      description: 'The imported stay, kept on its former dates, when the feed moved it into the overlap',
    }),
    since: Instant,
    other: Type.Union([
      Type.Object(
        {
          type: Type.Literal('reservation'),
          id: Type.String(),
          guestName: Type.String(),
          checkIn: CalendarDateOut,
          checkOut: CalendarDateOut,
          source: Type.Ref('ReservationSource'),
        },
        { additionalProperties: false },
      ),
      Type.Object(
        { type: Type.Literal('block'), id: Type.String(), kind: Type.Ref('BlockKind'), ...DateRange },
        { additionalProperties: false },
      ),
      Type.Null(),
    ]),
  },
  { $id: 'ChannelConflict', additionalProperties: false },
);

export const ConflictListSchema = Type.Object(
  { items: Type.Array(Type.Ref('ChannelConflict')) },
  { $id: 'ChannelConflictList', additionalProperties: false },
);

export const ConflictListQuery = Type.Object(
  { houseId: Type.Optional(Id()) },
  { additionalProperties: false },
);

export const ExportListSchema = Type.Object(
  {
    items: Type.Array(
      Type.Object(
        {
          channel: Type.Ref('ChannelSource'),
          url: Type.String({ description: 'Secret: whoever has it reads the dates (never the guests)' }),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { $id: 'IcalExportList', additionalProperties: false },
);

export const ExportRotateBody = Type.Object(
  { channel: Type.Optional(Type.Enum(CHANNEL_SOURCES, { description: 'Only this one; all when absent' })) },
  { additionalProperties: false },
);

export const ExportParams = Type.Object(
  { token: Token(200, 'The secret of an export feed, optionally ending in .ics') },
  { additionalProperties: false },
);

export const channelSchemas = [
  ChannelSourceSchema,
  SyncErrorCodeSchema,
  ChannelSchema,
  ChannelListSchema,
  SyncResultSchema,
  SyncSchema,
  SyncListSchema,
  ConflictSchema,
  ConflictListSchema,
  ExportListSchema,
];
