import { Type } from 'typebox';
import { MAINTENANCE_PRIORITIES, MAINTENANCE_STATUSES } from '../../db/tables.ts';
import { CalendarDate, CalendarDateOut, Id, Line, Name, Text } from '../../http/inputs.ts';
import { MoneyInput, MoneyOutput } from '../../http/money.ts';
import { PageQuery } from '../../http/pagination.ts';

const PrioritySchema = Type.Enum(MAINTENANCE_PRIORITIES, { $id: 'MaintenancePriority' });
const StatusSchema = Type.Enum(MAINTENANCE_STATUSES, {
  $id: 'MaintenanceStatus',
  description:
    'open → in_progress ⇄ on_hold → resolved, or cancelled; resolved and cancelled are final (a recurrence is a new work order)',
});
// Inputs use the enumerations themselves (a reference would lose their static type); answers the named schemas.
const Priority = () => Type.Enum(MAINTENANCE_PRIORITIES);
const Status = () => Type.Enum(MAINTENANCE_STATUSES);
const Instant = Type.String({ format: 'date-time' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);

/**
 * A string or null in an answer, as one list of JSON types: the serializer
 * writes it directly, where a union would be tried branch by branch against
 * each value (fifty work orders of a list page, a dozen such fields each).
 */
const StringOrNull = (options: Record<string, unknown> = {}) =>
  Type.Unsafe<string | null>({ type: ['string', 'null'], ...options });

/** A maintenance type code: lowercase letters, digits and underscores, as the defaults are. */
const TypeCode = () =>
  Type.String({
    pattern: '^[a-z][a-z0-9_]{0,39}$',
    description: 'A code of GET /api/v1/maintenance/types, e.g. plumbing',
  });

export const MaintenanceTypeSchema = Type.Object(
  {
    code: Type.String(),
    labelEn: Type.String(),
    labelFr: Type.String(),
    active: Type.Boolean({
      description: 'Inactive types stay on the work orders that have them, and are not offered',
    }),
    position: Type.Integer(),
  },
  { $id: 'MaintenanceType', additionalProperties: false },
);

export const MaintenanceTypeListSchema = Type.Object(
  { items: Type.Array(Type.Ref('MaintenanceType')) },
  { $id: 'MaintenanceTypeList', additionalProperties: false },
);

export const MaintenanceTypeCreateBody = Type.Object(
  { code: TypeCode(), labelEn: Name(80), labelFr: Name(80) },
  { additionalProperties: false },
);

export const MaintenanceTypeUpdateBody = Type.Object(
  {
    labelEn: Type.Optional(Name(80)),
    labelFr: Type.Optional(Name(80)),
    active: Type.Optional(Type.Boolean()),
    position: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 })),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const MaintenanceTypeParams = Type.Object({ code: TypeCode() });

/** The work order's block, or null (one list of JSON types, for the same reason as StringOrNull). */
const BlockOrNull = Type.Unsafe<{ id: string; start: string; end: string } | null>({
  type: ['object', 'null'],
  properties: { id: { type: 'string' }, start: CalendarDateOut, end: CalendarDateOut },
  required: ['id', 'start', 'end'],
  additionalProperties: false,
  description: 'The maintenance block on the calendar while the house cannot be let',
});

export const MaintenanceIssueSchema = Type.Object(
  {
    id: Type.String(),
    houseId: Type.String(),
    type: Type.String(),
    title: Type.String(),
    description: StringOrNull(),
    priority: Type.Ref('MaintenancePriority'),
    status: Type.Ref('MaintenanceStatus'),
    reportedAt: Instant,
    reportedBy: StringOrNull({ description: 'The member who reported it (or wrote down what a guest said)' }),
    reportedByName: StringOrNull(),
    reportedByGuest: Type.Boolean({ description: 'A guest reported it; reportedBy wrote it down' }),
    assigneeUserId: StringOrNull(),
    assigneeName: StringOrNull({ description: "The assigned member's name, or an outside contractor's" }),
    assigneePhone: StringOrNull({ description: "An outside contractor's phone" }),
    dueDate: StringOrNull({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' }),
    resolvedAt: StringOrNull({ format: 'date-time' }),
    resolutionNote: StringOrNull(),
    laborCost: Type.Optional(MoneyOutput),
    materialsCost: Type.Optional(MoneyOutput),
    totalCost: Type.Optional(MoneyOutput),
    blockId: StringOrNull(),
    block: BlockOrNull,
    version: Type.Integer(),
    createdAt: Instant,
    updatedAt: Instant,
  },
  {
    $id: 'MaintenanceIssue',
    additionalProperties: false,
    description: 'Costs are left out for staff, who see no money',
  },
);

export const MaintenanceIssueListSchema = Type.Object(
  { items: Type.Array(Type.Ref('MaintenanceIssue')), nextCursor: StringOrNull() },
  { $id: 'MaintenanceIssueList', additionalProperties: false },
);

const BlockInput = Type.Object(
  {
    start: CalendarDate('First night the house cannot be let'),
    end: CalendarDate('The day it can be again (exclusive, like a check-out)'),
  },
  { additionalProperties: false },
);

const assignment = {
  assigneeUserId: Type.Optional(Nullable(Id('A member who does the work'))),
  assigneeName: Type.Optional(Nullable(Line(120, { description: "An outside contractor's name" }))),
  assigneePhone: Type.Optional(Nullable(Line(40, { description: "An outside contractor's phone" }))),
};

export const MaintenanceIssueCreateBody = Type.Object(
  {
    houseId: Id(),
    type: TypeCode(),
    title: Name(200),
    description: Type.Optional(Nullable(Text(5000))),
    priority: Type.Optional(Priority()),
    reportedByGuest: Type.Optional(Type.Boolean()),
    ...assignment,
    dueDate: Type.Optional(Nullable(CalendarDate())),
    laborCost: Type.Optional(MoneyInput),
    materialsCost: Type.Optional(MoneyInput),
    block: Type.Optional(BlockInput),
  },
  { additionalProperties: false },
);

export const MaintenanceIssueUpdateBody = Type.Object(
  {
    type: Type.Optional(TypeCode()),
    title: Type.Optional(Name(200)),
    description: Type.Optional(Nullable(Text(5000))),
    priority: Type.Optional(Priority()),
    status: Type.Optional(Status()),
    reportedByGuest: Type.Optional(Type.Boolean()),
    ...assignment,
    dueDate: Type.Optional(Nullable(CalendarDate())),
    resolutionNote: Type.Optional(Nullable(Text(5000))),
    laborCost: Type.Optional(MoneyInput),
    materialsCost: Type.Optional(MoneyInput),
    block: Type.Optional(Nullable(BlockInput)),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const MaintenanceIssueListQuery = Type.Object(
  {
    ...PageQuery,
    houseId: Type.Optional(Id()),
    status: Type.Optional(
      Type.Array(Status(), {
        maxItems: 5,
        description: 'One or more (repeat the parameter)',
      }),
    ),
    type: Type.Optional(TypeCode()),
    priority: Type.Optional(Type.Array(Priority(), { maxItems: 4 })),
    assigneeUserId: Type.Optional(Id()),
  },
  { additionalProperties: false },
);

export const MaintenanceIssueParams = Type.Object({ issueId: Id() });

export const MaintenanceHistorySchema = Type.Object(
  {
    items: Type.Array(
      Type.Object(
        {
          id: Type.String(),
          action: Type.String({ description: 'create | update | status | delete' }),
          at: Instant,
          actorId: Nullable(Type.String()),
          actorName: Nullable(Type.String()),
          before: Nullable(Type.Object({}, { additionalProperties: true })),
          after: Nullable(Type.Object({}, { additionalProperties: true })),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { $id: 'MaintenanceHistory', additionalProperties: false },
);

export const maintenanceSchemas = [
  PrioritySchema,
  StatusSchema,
  MaintenanceTypeSchema,
  MaintenanceTypeListSchema,
  MaintenanceIssueSchema,
  MaintenanceIssueListSchema,
  MaintenanceHistorySchema,
];
