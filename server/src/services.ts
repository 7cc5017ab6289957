import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import { AppError } from './http/errors.ts';
import { MANAGERS } from './kernel/access.ts';
import { DomainEventBus } from './kernel/events.ts';
import { analyticsReactions } from './modules/analytics/analytics.reactions.ts';
import { AnalyticsService } from './modules/analytics/analytics.service.ts';
import { auditReactions } from './modules/audit/audit.reactions.ts';
import { AuditService } from './modules/audit/audit.service.ts';
import { findUserByEmail, findUserById } from './modules/auth/auth.repository.ts';
import { AuthService } from './modules/auth/auth.service.ts';
import { calendarReactions } from './modules/calendar/calendar.reactions.ts';
import { CalendarService } from './modules/calendar/calendar.service.ts';
import { channelsReactions } from './modules/channels/channels.reactions.ts';
import { ChannelsService, SYNC_JOB } from './modules/channels/channels.service.ts';
import { checklistsReactions } from './modules/checklists/checklists.reactions.ts';
import { ChecklistsService } from './modules/checklists/checklists.service.ts';
import { EMAIL_RETRY_DELAYS_SECONDS, EmailOutbox } from './modules/email/email.service.ts';
import { filesReactions } from './modules/files/files.reactions.ts';
import { FilesService } from './modules/files/files.service.ts';
import { financeReactions } from './modules/finance/finance.reactions.ts';
import { FinanceService } from './modules/finance/finance.service.ts';
import { GuestsService } from './modules/guests/guests.service.ts';
import { housesOfOrganization } from './modules/houses/houses.repository.ts';
import { HousesService } from './modules/houses/houses.service.ts';
import { JobRunner } from './modules/jobs/jobs.service.ts';
import { LiveService } from './modules/live/live.service.ts';
import { maintenanceReactions } from './modules/maintenance/maintenance.reactions.ts';
import { MaintenanceService } from './modules/maintenance/maintenance.service.ts';
import { notificationsReactions } from './modules/notifications/notifications.reactions.ts';
import { NotificationsService } from './modules/notifications/notifications.service.ts';
import { oauthReactions } from './modules/oauth/oauth.reactions.ts';
import { OAuthService } from './modules/oauth/oauth.service.ts';
import { enabledProviders } from './modules/oauth/providers.ts';
import { OperationsService } from './modules/operations/operations.service.ts';
import { OrganizationsService } from './modules/organizations/organizations.service.ts';
import { reservationsReactions } from './modules/reservations/reservations.reactions.ts';
import { ReservationsService } from './modules/reservations/reservations.service.ts';
import { StatementsService } from './modules/statements/statements.service.ts';

export interface Services {
  jobs: JobRunner;
  outbox: EmailOutbox;
  organizations: OrganizationsService;
  auth: AuthService;
  oauth: OAuthService;
  houses: HousesService;
  reservations: ReservationsService;
  calendar: CalendarService;
  guests: GuestsService;
  checklists: ChecklistsService;
  operations: OperationsService;
  channels: ChannelsService;
  maintenance: MaintenanceService;
  files: FilesService;
  finance: FinanceService;
  analytics: AnalyticsService;
  statements: StatementsService;
  audit: AuditService;
  live: LiveService;
  notifications: NotificationsService;
}

/** The application's services, wired once; the HTTP app and the command line share them. */
export function createServices(options: {
  database: Database;
  config: Config;
  log: FastifyBaseLogger;
  now: () => Date;
  /** The server's version, in the User-Agent of feed fetches. */
  version?: string;
}): Services {
  const { database, config, log, now } = options;
  const postgres = database.kind !== 'sqlite';
  // Modules react to each other through domain events, in the transaction of what caused them.
  const events = new DomainEventBus();
  // First: moving the calendar's version locks the organization's version row, which orders the
  // reactions below (the analytics recount of a house among them) between concurrent changes.
  calendarReactions(events);
  checklistsReactions(events, { postgres });
  reservationsReactions(events);
  oauthReactions(events);
  maintenanceReactions(events);
  // Background work: handlers are registered here, below, once the services they call exist.
  const jobs = new JobRunner({ db: database.db, log, now, config: config.jobs, postgres });
  const outbox = new EmailOutbox({
    db: database.db,
    config: config.email,
    log,
    now,
    sendLater: (db, messageId) => jobs.enqueue(db, 'email.send', { messageId }),
  });
  const organizations = new OrganizationsService({
    db: database.db,
    config,
    outbox,
    now,
    postgres,
    housesAmong: housesOfOrganization,
    users: { byEmail: findUserByEmail, byId: findUserById },
    events,
  });
  const auth = new AuthService({ db: database.db, config, outbox, organizations, now, events });
  const providers = enabledProviders(config.oauth, config.publicUrl, (message) => log.warn(message));
  const oauth = new OAuthService({ db: database.db, providers, auth, now });
  const houses = new HousesService({ db: database.db, now, events });
  const reservations = new ReservationsService({ db: database.db, now, postgres, events });
  const calendar = new CalendarService({ db: database.db, now, houses, events });
  const guests = new GuestsService({
    db: database.db,
    now,
    staysOf: (member, guestId) => reservations.ofGuest(member, guestId),
    events,
  });
  const checklists = new ChecklistsService({ db: database.db, now });
  const maintenance = new MaintenanceService({ db: database.db, now, events, calendar });
  const operations = new OperationsService({ db: database.db, now, reservations, maintenance });
  const channels = new ChannelsService({
    db: database.db,
    now,
    config: config.channels,
    publicUrl: config.publicUrl,
    version: options.version,
    reservations,
    calendar,
    events,
    queue: jobs,
    log,
  });
  channelsReactions(events, jobs);
  // Who hears of what: reactions to stays, work orders and channels, in their transactions.
  const notifications = new NotificationsService({
    db: database.db,
    now,
    outbox,
    publicUrl: config.publicUrl,
    daily: (member, date) => operations.daily(member, date),
  });
  notificationsReactions(events, notifications);
  // Files attached to houses, work orders and ledger entries: each owner says who may see and change them.
  const files = new FilesService({ db: database.db, config: config.uploads, now, log });
  files.registerOwner('house', {
    readable: async (member, houseId) => {
      await houses.get(member, houseId);
    },
    writable: async (member, houseId) => {
      await houses.get(member, houseId);
      if (!MANAGERS.includes(member.role)) {
        throw new AppError(403, 'forbidden', "Only managers change a house's files.");
      }
    },
  });
  files.registerOwner('maintenance_issue', maintenance.attachmentPolicy);
  // The ledger posts what operations cause, in their transactions: a work order's cost, a cancellation's reversal.
  const finance = new FinanceService({ db: database.db, now, postgres, reservations, events });
  financeReactions(events, finance);
  files.registerOwner('ledger_entry', finance.attachmentPolicy);
  filesReactions(events, files);
  // Occupancy's running monthly totals follow every stay and block, in their transactions.
  const analytics = new AnalyticsService({ db: database.db, now, postgres, finance });
  analyticsReactions(events, analytics);
  const statements = new StatementsService({ db: database.db, now, finance });
  // The audit log is written by the database itself (db/audit-capture.ts); the module reads it, erases a
  // guest's personal data from it with the guest, and purges what is older than an organization keeps.
  const audit = new AuditService({ db: database.db, now });
  auditReactions(events, audit);
  jobs.every('audit.purge', '17 3 * * *', () => audit.purgeExpired());
  // Event streams: read from the audit log and the notifications, which every instance shares.
  const live = new LiveService({
    db: database.db,
    postgres,
    config: config.live,
    log,
    maxStreamSeconds: config.auth.accessTokenTtlSeconds,
  });

  jobs.register<{ messageId: string }>(
    'email.send',
    (payload, context) => outbox.send(payload.messageId, context),
    { retryDelaysSeconds: EMAIL_RETRY_DELAYS_SECONDS },
  );
  // Departures whose check-out time has passed open their house's turnover round.
  jobs.every('turnovers.open', '* * * * *', async () => {
    await checklists.openDueRounds();
  });
  // Channel feeds: each is synced on its own job, so one slow channel holds up no other. A feed
  // that cannot be read is logged on the feed and read again at its next period; a sync that finds
  // another one under way (a manager's "sync now") is tried again shortly, so a re-sync asked for
  // when a conflict may be resolved is not lost.
  jobs.register<{ feedId: string }>(
    SYNC_JOB,
    async (payload) => {
      if ((await channels.sync(payload.feedId)) === 'busy') throw new Error('the feed is being synced');
    },
    { retryDelaysSeconds: [30, 60, 120] },
  );
  jobs.every('channels.queue', '* * * * *', async () => {
    await channels.queueDueSyncs();
  });
  // Reminders before arrivals (not ready, balance due) and after them (turnover overdue); each is
  // sent once per stay or round, whichever instance runs the job.
  jobs.every('notifications.reminders', '*/5 * * * *', async () => {
    await notifications.sendReminders();
  });
  // The evening digest leaves from 18:00 in each organization's time zone, once per manager and day.
  jobs.every('notifications.digest', '*/15 * * * *', async () => {
    await notifications.sendDigests();
  });
  jobs.every('notifications.prune', '23 3 * * *', () => notifications.prune());
  // Statistics go stale as data grows; refreshing them is cheap when nothing changed (SQLite; a no-op on PostgreSQL).
  jobs.every('database.optimize', '0 * * * *', () => database.optimize());

  return {
    jobs,
    outbox,
    organizations,
    auth,
    oauth,
    houses,
    reservations,
    calendar,
    guests,
    checklists,
    operations,
    channels,
    maintenance,
    files,
    finance,
    analytics,
    statements,
    audit,
    notifications,
    live,
  };
}
