import { Type } from 'typebox';
import { CalendarDate, Id, Line } from '../../http/inputs.ts';
import { PageQuery } from '../../http/pagination.ts';

export const AUDIT_ACTIONS = ['create', 'update', 'delete', 'status'] as const;

const Side = Type.Union([Type.Object({}, { additionalProperties: true }), Type.Null()], {
  description:
    "The entity's recorded fields (camelCase) before or after the change; null for a creation's before or a deletion's after",
});

export const AuditEntrySchema = Type.Object(
  {
    id: Type.String(),
    at: Type.String({ format: 'date-time' }),
    actorId: Type.Union([Type.String(), Type.Null()], {
      description: 'null: the system (a channel sync, a scheduled job)',
    }),
    actorName: Type.Union([Type.String(), Type.Null()]),
    entityType: Type.String(),
    entityId: Type.String(),
    action: Type.String({ description: AUDIT_ACTIONS.join(' | ') }),
    before: Side,
    after: Side,
    requestId: Type.Union([Type.String(), Type.Null()]),
  },
  { $id: 'AuditEntry', additionalProperties: false },
);

export const AuditListSchema = Type.Object(
  {
    items: Type.Array(Type.Ref('AuditEntry')),
    nextCursor: Type.Union([Type.String(), Type.Null()]),
  },
  { $id: 'AuditList', additionalProperties: false },
);

const filters = {
  entityType: Type.Optional(
    Line(100, { description: 'house, reservation, guest, block, maintenance_issue, ledger_entry…' }),
  ),
  entityId: Type.Optional(Line(200)),
  actorId: Type.Optional(Id()),
  action: Type.Optional(Type.Union(AUDIT_ACTIONS.map((action) => Type.Literal(action)))),
  from: Type.Optional(CalendarDate('First day, in the organization’s time zone')),
  to: Type.Optional(CalendarDate('Day after the last, in the organization’s time zone (exclusive)')),
};

export const AuditQuery = Type.Object({ ...filters, ...PageQuery }, { additionalProperties: false });
export const AuditExportQuery = Type.Object(filters, { additionalProperties: false });

export const auditSchemas = [AuditEntrySchema, AuditListSchema];
