import type { Static } from 'typebox';
import { type Db, type DbOrTx, inTransaction, type Tx } from '../../db/database.ts';
import { newId } from '../../db/ids.ts';
import type { Role } from '../../db/tables.ts';
import { decodeCursor, page } from '../../http/pagination.ts';
import { MANAGERS, type Member, TEAM } from '../../kernel/access.ts';
import { addDays, wallClock } from '../../kernel/dates.ts';
import type { DomainEvents, NightSpan } from '../../kernel/events.ts';
import type { NotificationKind, NotificationPreferences } from '../../kernel/notification-kinds.ts';
import { latestRounds } from '../checklists/checklists.repository.ts';
import type { EmailOutbox } from '../email/email.service.ts';
import { digestEmail, emailLocale, notificationEmail } from '../email/templates.ts';
import type { OperationsService } from '../operations/operations.service.ts';
import { completePreferences, findNotificationDefaults } from '../organizations/organizations.repository.ts';
import {
  type Audience,
  balanceDueMessage,
  channelConflictMessage,
  channelErrorMessage,
  formatDate,
  houseNotReadyMessage,
  type Message,
  type MessageLocale,
  messageLocale,
  stayMessage,
  turnoverOverdueMessage,
  workOrderMessage,
} from './notifications.messages.ts';
import {
  activeMembers,
  allOrganizations,
  arrivalsBetween,
  claimSend,
  countUnread,
  deleteReadBefore,
  deleteSendsBefore,
  findPreferences,
  houseFacts,
  housesOf,
  insertNotification,
  issueFacts,
  listNotifications,
  markRead,
  type NotificationRow,
  organizationOf,
  ownersOfHouse,
  type RecipientRow,
  savePreferences,
  sendTaken,
  stayFacts,
  urgentOpenIssues,
  userName,
} from './notifications.repository.ts';
import type {
  NotificationListQuery,
  NotificationPreferencesBody,
  ReadBody,
} from './notifications.schemas.ts';

/** The hour, in the organization's time zone, from which the evening digest of tomorrow leaves. */
export const DIGEST_HOUR = '18:00';
/** Read notifications are kept this long; unread ones until they are read. */
const KEEP_READ_DAYS = 90;

const audienceOf = (role: Role): Audience =>
  MANAGERS.includes(role) ? 'manager' : role === 'owner' ? 'owner' : 'staff';

/** One notification to hand to some members, each in their language and for what they may read. */
interface Delivery {
  organizationId: string;
  kind: NotificationKind;
  recipients: RecipientRow[];
  entityType: string;
  entityId: string;
  /** The web app's path. */
  url: string;
  render: (locale: MessageLocale, audience: Audience) => Message;
  /** Once per member: a second delivery with the same key adds no row. */
  dedupeKey?: string;
}

function notificationView(row: NotificationRow) {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    body: row.body,
    entityType: row.entity_type,
    entityId: row.entity_id,
    url: row.url,
    createdAt: row.created_at,
    readAt: row.read_at,
  };
}

const sameSpan = (a: NightSpan | undefined, b: NightSpan | undefined) =>
  a?.houseId === b?.houseId && a?.start === b?.start && a?.end === b?.end;

/**
 * A member's notifications: made by reactions to the domain events, in the
 * transaction of the change (never by the code that writes it), and by the
 * reminder jobs; each reaches the members it concerns (never the one who
 * acted), in the app and/or by email as each member chose.
 */
export class NotificationsService {
  readonly #db: Db;
  readonly #now: () => Date;
  readonly #outbox: EmailOutbox;
  readonly #publicUrl: string;
  readonly #daily: OperationsService['daily'];

  constructor(options: {
    db: Db;
    now: () => Date;
    outbox: EmailOutbox;
    publicUrl: string;
    /** The day's operations as a member sees them: what the digest lists. */
    daily: OperationsService['daily'];
  }) {
    this.#db = options.db;
    this.#now = options.now;
    this.#outbox = options.outbox;
    this.#publicUrl = options.publicUrl;
    this.#daily = options.daily;
  }

  // --- the member's own ------------------------------------------------------------------

  async list(member: Member, query: Static<typeof NotificationListQuery>) {
    const after = decodeCursor(query.cursor, ['instant', 'id']) as [string, string] | undefined;
    const [rows, unreadCount] = await Promise.all([
      listNotifications(this.#db, {
        organizationId: member.organizationId,
        userId: member.userId,
        unread: query.unread === true,
        after,
        limit: query.limit,
      }),
      countUnread(this.#db, member.organizationId, member.userId),
    ]);
    const { items, nextCursor } = page(rows, query.limit, (row) => [row.created_at, row.id]);
    return { items: items.map(notificationView), nextCursor, unreadCount };
  }

  /** Ids that are not the member's own (another member's, another organization's) change nothing. */
  async markRead(member: Member, body: Static<typeof ReadBody>): Promise<void> {
    const which = 'all' in body ? { all: true as const } : { ids: body.ids };
    await markRead(this.#db, member, which, this.#now().toISOString());
  }

  async preferences(member: Member): Promise<NotificationPreferences> {
    return (await this.#preferencesOf(this.#db, member.organizationId, [member.userId])).get(
      member.userId,
    ) as NotificationPreferences;
  }

  async savePreferences(
    member: Member,
    body: Static<typeof NotificationPreferencesBody>,
  ): Promise<NotificationPreferences> {
    // What the member left out stays as the organization's defaults say.
    const preferences = completePreferences(
      body,
      await findNotificationDefaults(this.#db, member.organizationId),
    );
    await savePreferences(this.#db, member, preferences, this.#now().toISOString());
    return preferences;
  }

  /** Each member's choices: their own, else the organization's defaults for new members. */
  async #preferencesOf(
    db: DbOrTx,
    organizationId: string,
    userIds: string[],
  ): Promise<Map<string, NotificationPreferences>> {
    const stored = await findPreferences(db, organizationId, userIds);
    const defaults = await findNotificationDefaults(db, organizationId);
    const result = new Map<string, NotificationPreferences>();
    for (const userId of userIds) {
      const own = stored.get(userId);
      // A kind the member never chose for (one added since) follows the organization's defaults.
      result.set(userId, own === undefined ? defaults : completePreferences(own, defaults));
    }
    return result;
  }

  // --- delivery ----------------------------------------------------------------------------

  /** Writes the in-app rows and queues the emails, in the caller's transaction. */
  async #deliver(tx: Tx, delivery: Delivery): Promise<void> {
    if (delivery.recipients.length === 0) return;
    const now = this.#now().toISOString();
    let organizationName: string | undefined;
    for (const recipient of delivery.recipients) {
      const choice = preferencesOf(recipient).kinds[delivery.kind];
      if (!choice || (!choice.inApp && !choice.email)) continue;
      const locale = messageLocale(recipient.locale);
      const message = delivery.render(locale, audienceOf(recipient.role));
      if (choice.inApp) {
        const added = await insertNotificationRow(tx, {
          organizationId: delivery.organizationId,
          userId: recipient.userId,
          kind: delivery.kind,
          message,
          entityType: delivery.entityType,
          entityId: delivery.entityId,
          url: delivery.url,
          dedupeKey: delivery.dedupeKey ?? null,
          now,
        });
        // Already had it (the same reminder): no email either.
        if (!added) continue;
      }
      if (choice.email) {
        organizationName ??= (await organizationOf(tx, delivery.organizationId))?.name ?? 'Staykeep';
        const emailLanguage = emailLocale(locale);
        await this.#outbox.queue(tx, {
          to: recipient.email,
          template: delivery.kind.replaceAll('_', '-'),
          locale: emailLanguage,
          ...notificationEmail(emailLanguage, {
            name: recipient.name,
            title: message.title,
            body: message.body,
            link: `${this.#publicUrl}${delivery.url}`,
            organizationName,
          }),
        });
      }
    }
  }

  /** The members among `members` with one of `roles`, and the owners of `houseId` if asked, but never the actor. */
  #pick(
    members: RecipientRow[],
    options: {
      roles: readonly Role[];
      owners?: Set<string>;
      users?: (string | null)[];
      actor?: string | null;
    },
  ): RecipientRow[] {
    const users = new Set(options.users?.filter((id): id is string => id !== null));
    return members.filter(
      (member) =>
        member.userId !== options.actor &&
        (options.roles.includes(member.role) ||
          users.has(member.userId) ||
          (member.role === 'owner' && options.owners?.has(member.userId) === true)),
    );
  }

  // --- reactions ---------------------------------------------------------------------------

  /**
   * A stay created, moved or cancelled by someone else or by a channel: the
   * managers hear of it, and the owners of its house; the member who did it
   * does not. Other changes (money, notes, a status step) are no news, nor is
   * a stay already over (history being entered).
   */
  async stayRecorded(tx: Tx, event: DomainEvents['reservation.recorded']): Promise<void> {
    const [before, after] = event.spans ?? [];
    let kind: 'stay_created' | 'stay_changed' | 'stay_cancelled';
    if (event.action === 'create') kind = 'stay_created';
    else if (event.action === 'cancel' || event.action === 'delete') kind = 'stay_cancelled';
    else if (event.action === 'update' && before && after && !sameSpan(before, after)) kind = 'stay_changed';
    else return;
    const stay = await stayFacts(tx, event.organizationId, event.reservationId);
    if (!stay) return;
    if (event.action === 'delete' && stay.status === 'cancelled') return;
    const today = this.#now().toISOString().slice(0, 10);
    if (stay.check_out < addDays(today, -1)) return;
    const actor = event.userId ?? null;
    const members = await activeMembers(tx, event.organizationId);
    // The owners of its house, and of the house it left when it moved: they lose the booking.
    const houses = [stay.house_id, ...(before && before.houseId !== stay.house_id ? [before.houseId] : [])];
    let owners: Set<string> | undefined;
    // Most organizations have no owner member: no need to ask which own the house.
    if (members.some((member) => member.role === 'owner')) {
      owners = new Set();
      for (const houseId of houses) {
        for (const owner of await ownersOfHouse(tx, event.organizationId, houseId)) owners.add(owner);
      }
    }
    const recipients = this.#pick(members, { roles: MANAGERS, owners, actor });
    if (recipients.length === 0) return;
    const actorName = actor ? await userName(tx, actor) : null;
    const previousHouse =
      kind === 'stay_changed' && before && before.houseId !== stay.house_id
        ? await houseFacts(tx, event.organizationId, before.houseId)
        : undefined;
    const deleted = event.action === 'delete';
    await this.#deliver(tx, {
      organizationId: event.organizationId,
      kind,
      recipients,
      entityType: deleted ? 'house' : 'reservation',
      entityId: deleted ? stay.house_id : stay.id,
      url: deleted ? `/houses/${stay.house_id}` : `/reservations/${stay.id}`,
      render: (locale, audience) =>
        stayMessage(kind, locale, audience, {
          houseCode: stay.house_code,
          houseName: stay.house_name,
          guestName: stay.guest_name,
          checkIn: stay.check_in,
          checkOut: stay.check_out,
          source: stay.source,
          actorName: event.origin === 'channel' ? null : actorName,
          deleted,
          ...(kind === 'stay_changed' && before
            ? {
                previous: {
                  houseCode: previousHouse?.code ?? stay.house_code,
                  checkIn: before.start,
                  checkOut: before.end,
                },
              }
            : {}),
        }),
    });
  }

  /**
   * A work order reported (managers), assigned (the assignee), made urgent
   * (managers and the assignee), resolved (who reported it and the
   * managers); never to the member who did it. One change that is several
   * things at once tells each member the most pressing one.
   */
  async workOrderRecorded(tx: Tx, event: DomainEvents['maintenance.recorded']): Promise<void> {
    if (event.action === 'delete') return;
    const issue = await issueFacts(tx, event.organizationId, event.issueId);
    if (!issue) return;
    const before = event.before ?? null;
    const open = issue.status !== 'resolved' && issue.status !== 'cancelled';
    const members = await activeMembers(tx, event.organizationId);
    const actor = event.userId ?? null;
    const chosen = new Map<string, { recipient: RecipientRow; kind: NotificationKind }>();
    const add = (kind: NotificationKind, recipients: RecipientRow[]) => {
      for (const recipient of recipients) {
        if (!chosen.has(recipient.userId)) chosen.set(recipient.userId, { recipient, kind });
      }
    };
    // In order of what matters most.
    if (open && issue.priority === 'urgent' && before?.priority !== 'urgent') {
      add(
        'work_order_urgent',
        this.#pick(members, { roles: MANAGERS, users: [issue.assignee_user_id], actor }),
      );
    }
    if (open && issue.assignee_user_id && issue.assignee_user_id !== (before?.assigneeUserId ?? null)) {
      add('work_order_assigned', this.#pick(members, { roles: [], users: [issue.assignee_user_id], actor }));
    }
    if (issue.status === 'resolved' && before && before.status !== 'resolved') {
      add('work_order_resolved', this.#pick(members, { roles: MANAGERS, users: [issue.reported_by], actor }));
    }
    if (event.action === 'create')
      add('work_order_reported', this.#pick(members, { roles: MANAGERS, actor }));
    if (chosen.size === 0) return;
    const actorName = actor ? await userName(tx, actor) : null;
    const byKind = new Map<NotificationKind, RecipientRow[]>();
    for (const { recipient, kind } of chosen.values())
      byKind.set(kind, [...(byKind.get(kind) ?? []), recipient]);
    for (const [kind, recipients] of byKind) {
      await this.#deliver(tx, {
        organizationId: event.organizationId,
        kind,
        recipients,
        entityType: 'maintenance_issue',
        entityId: issue.id,
        url: `/maintenance/${issue.id}`,
        render: (locale) =>
          workOrderMessage(kind as Parameters<typeof workOrderMessage>[0], locale, {
            houseCode: issue.house_code,
            houseName: issue.house_name,
            title: issue.title,
            priority: issue.priority,
            actorName,
          }),
      });
    }
  }

  /** New conflicts on a channel: the managers settle them. */
  async channelConflicted(tx: Tx, event: DomainEvents['channel.conflicted']): Promise<void> {
    const house = await houseFacts(tx, event.organizationId, event.houseId);
    if (!house) return;
    await this.#deliver(tx, {
      organizationId: event.organizationId,
      kind: 'channel_conflict',
      recipients: this.#pick(await activeMembers(tx, event.organizationId), { roles: MANAGERS }),
      entityType: 'channel',
      entityId: event.channelId,
      url: `/houses/${house.id}/channels`,
      render: (locale) =>
        channelConflictMessage(locale, {
          houseCode: house.code,
          houseName: house.name,
          channelName: event.channelName,
          ranges: event.ranges,
        }),
    });
  }

  /** A channel that can no longer be read: the managers look at it. */
  async channelFailed(tx: Tx, event: DomainEvents['channel.failed']): Promise<void> {
    const house = await houseFacts(tx, event.organizationId, event.houseId);
    if (!house) return;
    await this.#deliver(tx, {
      organizationId: event.organizationId,
      kind: 'channel_error',
      recipients: this.#pick(await activeMembers(tx, event.organizationId), { roles: MANAGERS }),
      entityType: 'channel',
      entityId: event.channelId,
      url: `/houses/${house.id}/channels`,
      render: (locale) =>
        channelErrorMessage(locale, {
          houseCode: house.code,
          houseName: house.name,
          channelName: event.channelName,
          code: event.code,
        }),
    });
  }

  // --- reminders (a job) ---------------------------------------------------------------------

  /**
   * Each stay arriving within the next 24 hours (its house's check-in time,
   * in its time zone) whose house is not ready: the managers and the staff
   * are told, once per stay. Each arriving with a balance due: the managers,
   * once per stay. Each house whose turnover was not done when its guests
   * were due: the managers and the staff, once per round. "Once" holds
   * whatever the number of instances running this: the first transaction to
   * take a stay's key sends (see `claimSend`).
   */
  async sendReminders(): Promise<number> {
    const now = this.#now();
    const today = now.toISOString().slice(0, 10);
    // Wide of any time zone; each house's own wall clock decides below.
    const arrivals = await arrivalsBetween(this.#db, addDays(today, -2), addDays(today, 2));
    const byOrganization = new Map<string, typeof arrivals>();
    for (const arrival of arrivals) {
      byOrganization.set(arrival.organization_id, [
        ...(byOrganization.get(arrival.organization_id) ?? []),
        arrival,
      ]);
    }
    let sent = 0;
    for (const [organizationId, stays] of byOrganization) {
      const rounds = new Map(
        (await latestRounds(this.#db, organizationId, [...new Set(stays.map((stay) => stay.house_id))])).map(
          (round) => [round.house_id, round],
        ),
      );
      for (const stay of stays) {
        const localNow = wallClock(now, stay.timezone);
        const localTomorrow = wallClock(new Date(now.getTime() + 86_400_000), stay.timezone);
        const localYesterday = wallClock(new Date(now.getTime() - 86_400_000), stay.timezone);
        const arrival = `${stay.check_in}T${stay.check_in_time}`;
        const round = rounds.get(stay.house_id);
        const facts = {
          houseCode: stay.house_code,
          houseName: stay.house_name,
          guestName: stay.guest_name,
          checkIn: stay.check_in,
          checkInTime: stay.check_in_time,
          done: round?.done ?? 0,
          total: round?.total ?? 0,
        };
        const unfinished = round !== undefined && round.completed_at === null;
        const upcoming = stay.status !== 'checked_in' && arrival > localNow && arrival <= localTomorrow;
        if (upcoming && unfinished) {
          sent += await this.#remind(`house_not_ready:${stay.id}`, {
            organizationId,
            kind: 'house_not_ready',
            roles: TEAM,
            entityType: 'house',
            entityId: stay.house_id,
            url: `/houses/${stay.house_id}/checklist`,
            render: (locale, audience) => houseNotReadyMessage(locale, audience, facts),
          });
        }
        const dueCents = stay.total_cents - stay.advance_cents;
        if (upcoming && dueCents > 0) {
          const currency = (await organizationOf(this.#db, organizationId))?.currency ?? 'EUR';
          sent += await this.#remind(`balance_due:${stay.id}`, {
            organizationId,
            kind: 'balance_due',
            // Money: the managers only.
            roles: MANAGERS,
            entityType: 'reservation',
            entityId: stay.id,
            url: `/reservations/${stay.id}`,
            render: (locale) => balanceDueMessage(locale, { ...facts, dueCents, currency }),
          });
        }
        // Due within the last day (older ones are history), the round opened before the guests were due.
        const due = arrival <= localNow && arrival > localYesterday;
        if (due && round && unfinished && wallClock(new Date(round.opened_at), stay.timezone) < arrival) {
          sent += await this.#remind(`turnover_overdue:${round.id}`, {
            organizationId,
            kind: 'turnover_overdue',
            roles: TEAM,
            entityType: 'house',
            entityId: stay.house_id,
            url: `/houses/${stay.house_id}/checklist`,
            render: (locale, audience) => turnoverOverdueMessage(locale, audience, facts),
          });
        }
      }
    }
    return sent;
  }

  /** Sends one reminder once: 1 when this call sent it, 0 when it had been sent already. */
  async #remind(
    key: string,
    reminder: Omit<Delivery, 'recipients' | 'dedupeKey'> & { roles: readonly Role[] },
  ): Promise<number> {
    if (await sendTaken(this.#db, key)) return 0;
    return inTransaction(this.#db, async (tx) => {
      if (!(await claimSend(tx, key, reminder.organizationId, this.#now().toISOString()))) return 0;
      const members = await activeMembers(tx, reminder.organizationId);
      await this.#deliver(tx, {
        ...reminder,
        recipients: this.#pick(members, { roles: reminder.roles }),
        dedupeKey: key,
      });
      return 1;
    });
  }

  // --- the evening digest (a job) ------------------------------------------------------------

  /**
   * From 18:00 in each organization's time zone, each manager and admin who
   * wants it gets tomorrow by email: arrivals, departures, houses not ready,
   * urgent open work orders, in their language. Once per member and day
   * whatever the number of instances (a key per member and day); a job
   * running late (an instance down at 18:00) still sends it that evening.
   * An empty day sends nothing.
   */
  async sendDigests(): Promise<number> {
    const now = this.#now();
    let sent = 0;
    for (const organization of await allOrganizations(this.#db)) {
      const local = wallClock(now, organization.timezone);
      if (local.slice(11) < DIGEST_HOUR) continue;
      const today = local.slice(0, 10);
      const tomorrow = addDays(today, 1);
      const managers = (await activeMembers(this.#db, organization.id)).filter((member) =>
        MANAGERS.includes(member.role),
      );
      for (const manager of managers) {
        if (!preferencesOf(manager).digest) continue;
        const key = `digest:${organization.id}:${manager.userId}:${today}`;
        if (await sendTaken(this.#db, key)) continue;
        const email = await this.#digestFor(organization.id, manager, tomorrow);
        const done = await inTransaction(this.#db, async (tx) => {
          if (!(await claimSend(tx, key, organization.id, now.toISOString()))) return false;
          if (email) await this.#outbox.queue(tx, { ...email, to: manager.email, template: 'digest' });
          return email !== null;
        });
        if (done) sent += 1;
      }
    }
    return sent;
  }

  async #digestFor(organizationId: string, manager: RecipientRow, day: string) {
    const member = { userId: manager.userId, organizationId, role: manager.role };
    const [daily, houses, urgent, organization] = await Promise.all([
      this.#daily(member, day),
      housesOf(this.#db, organizationId),
      urgentOpenIssues(this.#db, organizationId),
      organizationOf(this.#db, organizationId),
    ]);
    if (daily.arrivals.length + daily.departures.length + daily.notReady.length + urgent.length === 0) {
      return null;
    }
    const locale = emailLocale(manager.locale);
    const code = (houseId: string) => houses.get(houseId)?.code ?? '';
    const stayLine = (stay: { houseId: string; guestName: string; checkIn: string; checkOut: string }) =>
      `${code(stay.houseId)} · ${houses.get(stay.houseId)?.name ?? ''}: ${stay.guestName} (${formatDate(locale, stay.checkIn)} → ${formatDate(locale, stay.checkOut)})`;
    return {
      locale,
      ...digestEmail(locale, {
        name: manager.name,
        organizationName: organization?.name ?? 'Staykeep',
        day: formatDate(locale, day),
        arrivals: daily.arrivals.map(stayLine),
        departures: daily.departures.map(stayLine),
        notReady: daily.notReady.map(
          (house) =>
            `${code(house.houseId)} · ${house.houseName}: ${house.done}/${house.total}${locale === 'fr' ? ' fait' : ' done'}`,
        ),
        urgent: urgent.map((issue) => `${code(issue.house_id)} · ${issue.title}`),
        link: `${this.#publicUrl}/today`,
      }),
    };
  }

  /** Read notifications after a while, and the once-only keys once nothing can ask for them again. */
  async prune(): Promise<void> {
    const cutoff = new Date(this.#now().getTime() - KEEP_READ_DAYS * 86_400_000).toISOString();
    await deleteReadBefore(this.#db, cutoff);
    await deleteSendsBefore(this.#db, cutoff);
  }
}

/** A member's choices: their own, completed by the organization's defaults for new members. */
const preferencesOf = (recipient: RecipientRow): NotificationPreferences => {
  const defaults = completePreferences(parsed(recipient.defaults));
  const own = parsed(recipient.preferences);
  return own === undefined ? defaults : completePreferences(own, defaults);
};

/** JSON columns come back parsed; text (a driver that did not) is parsed here. */
function parsed(value: unknown): unknown {
  if (typeof value !== 'string') return value ?? undefined;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

async function insertNotificationRow(
  tx: Tx,
  values: {
    organizationId: string;
    userId: string;
    kind: NotificationKind;
    message: Message;
    entityType: string;
    entityId: string;
    url: string;
    dedupeKey: string | null;
    now: string;
  },
): Promise<boolean> {
  return insertNotification(tx, {
    id: newId(),
    organizationId: values.organizationId,
    userId: values.userId,
    kind: values.kind,
    title: values.message.title,
    body: values.message.body,
    entityType: values.entityType,
    entityId: values.entityId,
    url: values.url,
    dedupeKey: values.dedupeKey,
    now: values.now,
  });
}
