import type { Static } from 'typebox';
import { type Db, inTransaction, type Tx } from '../../db/database.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { newId } from '../../db/ids.ts';
import type { MaintenancePriority, MaintenanceStatus } from '../../db/tables.ts';
import { AppError, badRequest, conflict, type FieldError, notFound } from '../../http/errors.ts';
import { fieldError } from '../../http/field-errors.ts';
import { fromCents, toCents } from '../../http/money.ts';
import { decodeCursor, page } from '../../http/pagination.ts';
import { versionMismatch } from '../../http/versions.ts';
import { MANAGERS, type Member, TEAM } from '../../kernel/access.ts';
import { localDate } from '../../kernel/dates.ts';
import type { DomainEventBus, MaintenanceAction } from '../../kernel/events.ts';
import { listAuditEntries } from '../audit/audit.repository.ts';
import { historyItems } from '../audit/history.ts';
import type { CalendarService } from '../calendar/calendar.service.ts';
import { findHouse } from '../houses/houses.repository.ts';
import { housesVisibleTo } from '../houses/houses.service.ts';
import { checkRange, writeWithNights } from '../occupancy/occupancy.ts';
import { findMember } from '../organizations/organizations.repository.ts';
import {
  deleteIssue,
  findIssue,
  findIssueView,
  findType,
  type IssueRow,
  type IssueView,
  insertIssue,
  insertType,
  listIssues,
  listTypes,
  nextTypePosition,
  openIssuesOn,
  type TypeRow,
  updateIssue,
  updateType,
} from './maintenance.repository.ts';
import type {
  MaintenanceIssueCreateBody,
  MaintenanceIssueListQuery,
  MaintenanceIssueUpdateBody,
  MaintenanceTypeCreateBody,
  MaintenanceTypeUpdateBody,
} from './maintenance.schemas.ts';

type CreateInput = Static<typeof MaintenanceIssueCreateBody>;
type UpdateInput = Static<typeof MaintenanceIssueUpdateBody>;

/**
 * Where a work order may go from each status. Resolved and cancelled are
 * final: a resolved work order's cost has gone to the ledger, and a problem
 * that comes back is a new work order.
 */
const NEXT_STATUSES: Record<MaintenanceStatus, readonly MaintenanceStatus[]> = {
  open: ['in_progress', 'on_hold', 'resolved', 'cancelled'],
  in_progress: ['open', 'on_hold', 'resolved', 'cancelled'],
  on_hold: ['open', 'in_progress', 'resolved', 'cancelled'],
  resolved: [],
  cancelled: [],
};

/** What staff may change on a work order: its progress, not its money, assignment or the calendar. */
const STAFF_FIELDS: ReadonlySet<string> = new Set(['status', 'resolutionNote', 'description']);
/** What may still change once a work order is resolved: a cost corrected, the note, the wording. */
const AFTER_RESOLUTION_FIELDS: ReadonlySet<string> = new Set([
  'laborCost',
  'materialsCost',
  'resolutionNote',
  'title',
  'description',
]);
/** The work orders the day's operations warn about when a guest is on the way. */
const PRESSING: readonly MaintenancePriority[] = ['high', 'urgent'];

const noSuchIssue = () => notFound('No such work order.');
const invalid = (errors: FieldError[]) => badRequest('The request is not valid.', errors);
const forbiddenField = (field: string) =>
  new AppError(403, 'forbidden', `Your role may not set ${field} on a work order.`);

const seesMoney = (member: Member) => member.role !== 'staff';

function typeView(row: TypeRow) {
  return {
    code: row.code,
    labelEn: row.label_en,
    labelFr: row.label_fr,
    active: row.active,
    position: row.position,
  };
}

function issueView(row: IssueView, member: Member) {
  const block =
    row.block_id && row.block_start && row.block_end
      ? { id: row.block_id, start: row.block_start, end: row.block_end }
      : null;
  return {
    id: row.id,
    houseId: row.house_id,
    type: row.type,
    title: row.title,
    description: row.description,
    priority: row.priority,
    status: row.status,
    reportedAt: row.reported_at,
    reportedBy: row.reported_by,
    reportedByName: row.reporter_name,
    reportedByGuest: row.reported_by_guest,
    assigneeUserId: row.assignee_user_id,
    assigneeName: row.assignee_user_id ? row.assignee_member_name : row.assignee_name,
    assigneePhone: row.assignee_phone,
    dueDate: row.due_date,
    resolvedAt: row.resolved_at,
    resolutionNote: row.resolution_note,
    ...(seesMoney(member)
      ? {
          laborCost: fromCents(row.labor_cost),
          materialsCost: fromCents(row.materials_cost),
          totalCost: fromCents(row.labor_cost + row.materials_cost),
        }
      : {}),
    blockId: block ? row.block_id : null,
    block,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The record kept in the history: the fields as managers see them, money as decimal strings. */
function snapshot(row: IssueRow) {
  return {
    type: row.type,
    title: row.title,
    description: row.description,
    priority: row.priority,
    status: row.status,
    reportedByGuest: row.reported_by_guest,
    assigneeUserId: row.assignee_user_id,
    assigneeName: row.assignee_name,
    assigneePhone: row.assignee_phone,
    dueDate: row.due_date,
    resolvedAt: row.resolved_at,
    resolutionNote: row.resolution_note,
    laborCost: fromCents(row.labor_cost),
    materialsCost: fromCents(row.materials_cost),
    blockId: row.block_id,
  };
}

const MONEY_FIELDS = ['laborCost', 'materialsCost'];

function withoutMoney(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([key]) => !MONEY_FIELDS.includes(key)));
}

/**
 * Maintenance work orders: reported by anyone of the team, worked through to
 * resolved, with their costs, files (the files module, through the policy
 * below) and, while the house cannot be let, a block on its calendar taken
 * in the same transaction as the work order, on the nights' guarantee.
 */
export class MaintenanceService {
  readonly #db: Db;
  readonly #now: () => Date;
  readonly #events: DomainEventBus;
  readonly #calendar: CalendarService;

  constructor(options: { db: Db; now: () => Date; events: DomainEventBus; calendar: CalendarService }) {
    this.#db = options.db;
    this.#now = options.now;
    this.#events = options.events;
    this.#calendar = options.calendar;
  }

  // --- types ------------------------------------------------------------------------

  async types(member: Member) {
    return { items: (await listTypes(this.#db, member.organizationId)).map(typeView) };
  }

  async createType(member: Member, input: Static<typeof MaintenanceTypeCreateBody>) {
    try {
      await inTransaction(this.#db, async (tx) => {
        await insertType(tx, {
          organization_id: member.organizationId,
          code: input.code,
          label_en: input.labelEn,
          label_fr: input.labelFr,
          position: await nextTypePosition(tx, member.organizationId),
          created_at: this.#now().toISOString(),
        });
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict('duplicate-code', `A type ${input.code} already exists.`);
      throw error;
    }
    return this.type(member, input.code);
  }

  async updateType(member: Member, code: string, input: Static<typeof MaintenanceTypeUpdateBody>) {
    // In a transaction, like every write: the audit log records who made it (db/database.ts).
    const changed = await inTransaction(this.#db, (tx) =>
      updateType(tx, member.organizationId, code, {
        ...(input.labelEn !== undefined ? { label_en: input.labelEn } : {}),
        ...(input.labelFr !== undefined ? { label_fr: input.labelFr } : {}),
        ...(input.active !== undefined ? { active: input.active } : {}),
        ...(input.position !== undefined ? { position: input.position } : {}),
      }),
    );
    if (!changed) throw notFound('No such maintenance type.');
    return this.type(member, code);
  }

  async type(member: Member, code: string) {
    const row = await findType(this.#db, member.organizationId, code);
    if (!row) throw notFound('No such maintenance type.');
    return typeView(row);
  }

  // --- work orders --------------------------------------------------------------------

  async list(member: Member, query: Static<typeof MaintenanceIssueListQuery>) {
    const [before] = decodeCursor(query.cursor, ['id']) ?? [];
    const rows = await listIssues(this.#db, member.organizationId, {
      houseIds: await housesVisibleTo(this.#db, member),
      houseId: query.houseId,
      statuses: query.status,
      type: query.type,
      priorities: query.priority,
      assigneeUserId: query.assigneeUserId,
      before,
      limit: query.limit + 1,
    });
    const result = page(rows, query.limit, (row) => [row.id]);
    return { items: result.items.map((row) => issueView(row, member)), nextCursor: result.nextCursor };
  }

  async get(member: Member, issueId: string) {
    const row = await this.#visible(member, await findIssueView(this.#db, member.organizationId, issueId));
    return issueView(row, member);
  }

  /** A work order of a house the member does not see is, to them, no work order at all. */
  async #visible<Row extends { house_id: string }>(member: Member, row: Row | undefined): Promise<Row> {
    const visible = await housesVisibleTo(this.#db, member);
    if (!row || (visible && !visible.includes(row.house_id))) throw noSuchIssue();
    return row;
  }

  async history(member: Member, issueId: string) {
    await this.get(member, issueId);
    const entries = await listAuditEntries(this.#db, member.organizationId, 'maintenance_issue', issueId);
    return { items: historyItems(entries, snapshot, seesMoney(member) ? undefined : withoutMoney) };
  }

  async create(member: Member, input: CreateInput) {
    if (!MANAGERS.includes(member.role)) {
      for (const field of [
        'assigneeUserId',
        'assigneeName',
        'assigneePhone',
        'dueDate',
        'laborCost',
        'materialsCost',
        'block',
      ] as const) {
        if (input[field] !== undefined) throw forbiddenField(field);
      }
    }
    const laborCents = input.laborCost === undefined ? 0 : toCents(input.laborCost, 'body.laborCost');
    const materialsCents =
      input.materialsCost === undefined ? 0 : toCents(input.materialsCost, 'body.materialsCost');
    if (input.block)
      checkRange(input.block.start, input.block.end, { start: 'body.block.start', end: 'body.block.end' });
    checkAssignment(input);
    if (input.assigneePhone && !input.assigneeName)
      throw invalid([fieldError('body.assigneePhone', 'invalid')]);
    const id = newId();
    const now = this.#now().toISOString();
    const work = async (tx: Tx) => {
      const house = await findHouse(tx, member.organizationId, input.houseId);
      if (!house) throw notFound('No such house.');
      await this.#checkType(tx, member, input.type, 'body.type', null);
      if (input.assigneeUserId) await this.#checkAssignee(tx, member, input.assigneeUserId);
      const blockId = input.block
        ? await this.#calendar.placeBlock(tx, {
            organizationId: member.organizationId,
            houseId: house.id,
            start: input.block.start,
            end: input.block.end,
            kind: 'maintenance',
            note: input.title,
          })
        : null;
      await insertIssue(tx, {
        id,
        organization_id: member.organizationId,
        house_id: house.id,
        type: input.type,
        title: input.title,
        description: input.description ?? null,
        priority: input.priority ?? 'normal',
        status: 'open',
        reported_at: now,
        reported_by: member.userId,
        reported_by_guest: input.reportedByGuest ?? false,
        assignee_user_id: input.assigneeUserId ?? null,
        assignee_name: input.assigneeUserId ? null : (input.assigneeName ?? null),
        assignee_phone: input.assigneeUserId ? null : (input.assigneePhone ?? null),
        due_date: input.dueDate ?? null,
        labor_cost: laborCents,
        materials_cost: materialsCents,
        block_id: blockId,
        created_at: now,
        updated_at: now,
      });
      const after = await findIssue(tx, member.organizationId, id);
      if (!after) throw noSuchIssue();
      await this.#record(tx, member, after, 'create', null);
    };
    if (input.block) await writeWithNights(this.#db, { houseId: input.houseId, ...input.block }, work);
    else await inTransaction(this.#db, work);
    return this.get(member, id);
  }

  async update(member: Member, issueId: string, input: UpdateInput, expected?: number) {
    const current = await this.#visible(member, await findIssue(this.#db, member.organizationId, issueId));
    const fields = Object.keys(input);
    if (!MANAGERS.includes(member.role)) {
      const refused = fields.find((field) => !STAFF_FIELDS.has(field));
      if (refused) throw forbiddenField(refused);
      // Cancelling drops the work and frees the calendar: the managers' decision.
      if (input.status === 'cancelled') {
        throw new AppError(403, 'forbidden', 'Only managers cancel a work order.');
      }
    }
    const laborCents = input.laborCost === undefined ? undefined : toCents(input.laborCost, 'body.laborCost');
    const materialsCents =
      input.materialsCost === undefined ? undefined : toCents(input.materialsCost, 'body.materialsCost');
    if (input.block)
      checkRange(input.block.start, input.block.end, { start: 'body.block.start', end: 'body.block.end' });
    checkAssignment(input);
    const now = this.#now();
    const work = async (tx: Tx) => {
      const before = await findIssue(tx, member.organizationId, issueId);
      if (!before) throw noSuchIssue();
      if (expected !== undefined && expected !== before.version) throw versionMismatch(before.version);
      const status = input.status ?? before.status;
      checkTransition(before, status, fields);
      if (input.type !== undefined) await this.#checkType(tx, member, input.type, 'body.type', before.type);
      if (input.assigneeUserId) await this.#checkAssignee(tx, member, input.assigneeUserId);
      const house = await findHouse(tx, member.organizationId, before.house_id);
      if (!house) throw noSuchIssue();
      const today = localDate(now, house.timezone);
      const closing = status !== before.status && (status === 'resolved' || status === 'cancelled');
      const blockId = await this.#blockAfter(tx, before, input, closing ? today : null);
      const assignee = assignmentChanges(before, input);
      const changes = {
        ...(input.type !== undefined ? { type: input.type } : {}),
        ...(input.title !== undefined ? { title: input.title } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.priority !== undefined ? { priority: input.priority } : {}),
        ...(input.reportedByGuest !== undefined ? { reported_by_guest: input.reportedByGuest } : {}),
        ...assignee,
        ...(input.dueDate !== undefined ? { due_date: input.dueDate } : {}),
        ...(input.resolutionNote !== undefined ? { resolution_note: input.resolutionNote } : {}),
        ...(laborCents !== undefined ? { labor_cost: laborCents } : {}),
        ...(materialsCents !== undefined ? { materials_cost: materialsCents } : {}),
        status,
        resolved_at: status === 'resolved' ? (before.resolved_at ?? now.toISOString()) : null,
        block_id: blockId,
        updated_at: now.toISOString(),
      };
      const key = { organizationId: member.organizationId, id: issueId, version: before.version };
      if (!(await updateIssue(tx, key, changes))) throw versionMismatch(before.version);
      const after = await findIssue(tx, member.organizationId, issueId);
      if (!after) throw noSuchIssue();
      const action: MaintenanceAction = status !== before.status ? 'status' : 'update';
      await this.#record(tx, member, after, action, before);
      await this.#publishCost(tx, member, before, after, today, now.toISOString());
    };
    if (input.block) await writeWithNights(this.#db, { houseId: current.house_id, ...input.block }, work);
    else await inTransaction(this.#db, work);
    return this.get(member, issueId);
  }

  async remove(member: Member, issueId: string, expected?: number): Promise<void> {
    await this.get(member, issueId);
    await inTransaction(this.#db, async (tx) => {
      const before = await findIssue(tx, member.organizationId, issueId);
      if (!before) throw noSuchIssue();
      if (expected !== undefined && expected !== before.version) throw versionMismatch(before.version);
      // Resolving published the cost (and any correction since) for the ledger: the record stays.
      if (before.status === 'resolved') {
        throw conflict(
          'posted-cost',
          'A resolved work order has gone to the ledger and cannot be deleted; correct its cost instead.',
        );
      }
      if (before.block_id) {
        await this.#calendar.moveBlock(tx, {
          organizationId: member.organizationId,
          blockId: before.block_id,
          dates: null,
        });
      }
      await deleteIssue(tx, member.organizationId, issueId);
      await this.#record(tx, member, before, 'delete', before);
    });
  }

  /** The files of a work order: seen by whoever sees it, added by the team (owners only read). */
  readonly attachmentPolicy = {
    readable: async (member: Member, issueId: string): Promise<void> => {
      await this.get(member, issueId);
    },
    writable: async (member: Member, issueId: string): Promise<void> => {
      await this.get(member, issueId);
      if (!TEAM.includes(member.role)) throw new AppError(403, 'forbidden', 'Your role does not allow this.');
    },
  };

  /** Urgent and high-priority work still to do on these houses (the day's operations ask, for houses with guests coming). */
  pressingOn(organizationId: string, houseIds: string[]) {
    return openIssuesOn(this.#db, organizationId, houseIds, PRESSING);
  }

  /**
   * What becomes of the work order's block: moved or placed when new dates
   * are given, removed when the dates are taken away, and ended when the work
   * order is closed — the nights still to come are freed, the past ones stay
   * as they were (the house was not let), and a block not begun goes.
   */
  async #blockAfter(
    tx: Tx,
    before: IssueRow,
    input: UpdateInput,
    closedOn: string | null,
  ): Promise<string | null> {
    const organizationId = before.organization_id;
    let blockId = before.block_id;
    if (input.block === null && blockId) {
      await this.#calendar.moveBlock(tx, { organizationId, blockId, dates: null });
      blockId = null;
    } else if (input.block) {
      if (blockId && (await this.#calendar.moveBlock(tx, { organizationId, blockId, dates: input.block }))) {
        // moved
      } else {
        blockId = await this.#calendar.placeBlock(tx, {
          organizationId,
          houseId: before.house_id,
          ...input.block,
          kind: 'maintenance',
          note: input.title ?? before.title,
        });
      }
    }
    if (closedOn && blockId) {
      const block = await this.#calendar.blockDates(tx, organizationId, blockId);
      if (block && closedOn <= block.start) {
        await this.#calendar.moveBlock(tx, { organizationId, blockId, dates: null });
        blockId = null;
      } else if (block && closedOn < block.end) {
        await this.#calendar.moveBlock(tx, {
          organizationId,
          blockId,
          dates: { start: block.start, end: closedOn },
        });
      }
    }
    return blockId;
  }

  /** A work order resolved publishes its cost; a resolved one whose cost changes publishes the new total. */
  async #publishCost(tx: Tx, member: Member, before: IssueRow, after: IssueRow, today: string, now: string) {
    const cost = {
      organizationId: after.organization_id,
      houseId: after.house_id,
      issueId: after.id,
      title: after.title,
      version: after.version,
      date: today,
      costCents: after.labor_cost + after.materials_cost,
      laborCents: after.labor_cost,
      materialsCents: after.materials_cost,
      userId: member.userId,
      now,
    };
    if (after.status !== 'resolved') return;
    if (before.status !== 'resolved') {
      // Nothing to post for work that cost nothing; a cost added later is posted as a change from zero.
      if (cost.costCents > 0) await this.#events.publish(tx, 'maintenance.resolved', cost);
      return;
    }
    // A correction is booked the day it is made: the month of the resolution may be closed by then.
    const previousCostCents = before.labor_cost + before.materials_cost;
    if (previousCostCents !== cost.costCents) {
      await this.#events.publish(tx, 'maintenance.costChanged', { ...cost, previousCostCents });
    }
  }

  async #checkType(tx: Tx, member: Member, code: string, path: string, current: string | null) {
    if (code === current) return;
    const type = await findType(tx, member.organizationId, code);
    if (!type?.active) {
      const offered = (await listTypes(tx, member.organizationId)).filter((row) => row.active);
      throw invalid([fieldError(path, 'not-allowed', { allowed: offered.map((row) => row.code) })]);
    }
  }

  async #checkAssignee(tx: Tx, member: Member, userId: string) {
    const assignee = await findMember(tx, member.organizationId, userId);
    if (!assignee) throw invalid([fieldError('body.assigneeUserId', 'not-a-member')]);
    // An owner reads work orders and never moves one: the work goes to someone of the team.
    if (!TEAM.includes(assignee.role)) {
      throw invalid([fieldError('body.assigneeUserId', 'not-allowed', { allowed: [...TEAM] })]);
    }
  }

  async #record(tx: Tx, member: Member, row: IssueRow, action: MaintenanceAction, before: IssueRow | null) {
    await this.#events.publish(tx, 'maintenance.recorded', {
      organizationId: row.organization_id,
      houseId: row.house_id,
      issueId: row.id,
      action,
      userId: member.userId,
      before: before
        ? { status: before.status, priority: before.priority, assigneeUserId: before.assignee_user_id }
        : null,
    });
  }
}

/** A member or an outside contractor does the work, not both at once. */
function checkAssignment(input: {
  assigneeUserId?: string | null;
  assigneeName?: string | null;
  assigneePhone?: string | null;
}) {
  if (input.assigneeUserId && input.assigneeName) {
    throw invalid([fieldError('body.assigneeName', 'invalid')]);
  }
  if (input.assigneeUserId && input.assigneePhone) {
    throw invalid([fieldError('body.assigneePhone', 'invalid')]);
  }
}

/**
 * The assignment after a change: a member named replaces any contractor, a
 * contractor's name replaces any member, a name taken away takes its phone
 * along, and a phone is only ever a contractor's (a 400 otherwise).
 */
function assignmentChanges(before: IssueRow, input: UpdateInput) {
  if (input.assigneeUserId) {
    return { assignee_user_id: input.assigneeUserId, assignee_name: null, assignee_phone: null };
  }
  const changes: { assignee_user_id?: null; assignee_name?: string | null; assignee_phone?: string | null } =
    input.assigneeUserId === null ? { assignee_user_id: null } : {};
  if (typeof input.assigneeName === 'string') {
    changes.assignee_user_id = null;
    changes.assignee_name = input.assigneeName;
  } else if (input.assigneeName === null) {
    changes.assignee_name = null;
    changes.assignee_phone = null;
  }
  if (input.assigneePhone !== undefined) {
    const contractor = changes.assignee_name !== undefined ? changes.assignee_name : before.assignee_name;
    if (input.assigneePhone !== null && !contractor) {
      throw invalid([fieldError('body.assigneePhone', 'invalid')]);
    }
    if (contractor) changes.assignee_phone = input.assigneePhone;
  }
  return changes;
}

function checkTransition(before: IssueRow, status: MaintenanceStatus, fields: string[]) {
  if (before.status === 'cancelled') {
    throw conflict('closed', 'This work order was cancelled: it can no longer change.');
  }
  if (before.status === 'resolved') {
    const refused = fields.find((field) => !AFTER_RESOLUTION_FIELDS.has(field) && field !== 'status');
    if (refused || status !== 'resolved') {
      throw conflict(
        'closed',
        'This work order is resolved: only its costs, note and wording can change. A problem that comes back is a new work order.',
      );
    }
    return;
  }
  if (status !== before.status && !NEXT_STATUSES[before.status].includes(status)) {
    throw conflict('invalid-transition', `A work order cannot go from ${before.status} to ${status}.`, {
      allowed: NEXT_STATUSES[before.status],
    });
  }
}
