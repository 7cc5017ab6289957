import type { ColumnType } from 'kysely';

/**
 * Row types of every table, as repositories see them on every database (the
 * database layer makes SQLite and PostgreSQL return the same JavaScript
 * types). Each module adds its tables here when its migration lands.
 */
export interface Tables {
  instance_settings: InstanceSettingsTable;
  users: UsersTable;
  organizations: OrganizationsTable;
  calendar_versions: CalendarVersionsTable;
  memberships: MembershipsTable;
  user_status_history: UserStatusHistoryTable;
  invitations: InvitationsTable;
  registration_requests: RegistrationRequestsTable;
  auth_providers: AuthProvidersTable;
  user_providers: UserProvidersTable;
  login_attempts: LoginAttemptsTable;
  refresh_tokens: RefreshTokensTable;
  password_reset_requests: OneTimeTokensTable;
  email_verification_tokens: OneTimeTokensTable;
  email_outbox: EmailOutboxTable;
  jobs: JobsTable;
  sites: SitesTable;
  houses: HousesTable;
  membership_houses: MembershipHousesTable;
  idempotency_keys: IdempotencyKeysTable;
  guests: GuestsTable;
  reservations: ReservationsTable;
  blocks: BlocksTable;
  occupied_nights: OccupiedNightsTable;
  audit_log: AuditLogTable;
  audit_capture: AuditCaptureTable;
  checklist_categories: ChecklistCategoriesTable;
  checklist_items: ChecklistItemsTable;
  checklist_item_houses: ChecklistItemHousesTable;
  turnover_rounds: TurnoverRoundsTable;
  turnover_round_items: TurnoverRoundItemsTable;
  task_completion_logs: TaskCompletionLogsTable;
  channel_feeds: ChannelFeedsTable;
  channel_syncs: ChannelSyncsTable;
  channel_events: ChannelEventsTable;
  ical_exports: IcalExportsTable;
  attachments: AttachmentsTable;
  attachment_contents: AttachmentContentsTable;
  maintenance_types: MaintenanceTypesTable;
  maintenance_issues: MaintenanceIssuesTable;
  payments: PaymentsTable;
  ledger_entries: LedgerEntriesTable;
  ledger_totals: LedgerTotalsTable;
  finance_closings: FinanceClosingsTable;
  tourist_tax_rules: TouristTaxRulesTable;
  stay_tourist_taxes: StayTouristTaxesTable;
  occupancy_months: OccupancyMonthsTable;
  owner_contracts: OwnerContractsTable;
  owner_statement_snapshots: OwnerStatementSnapshotsTable;
  notifications: NotificationsTable;
  notification_preferences: NotificationPreferencesTable;
  notification_sends: NotificationSendsTable;
}

/** An ISO 8601 UTC instant, written by the application or defaulted by the database. */
export type Instant = ColumnType<string, string | undefined, string>;
/** A column with a database default: optional on insert. */
export type Defaulted<T> = ColumnType<T, T | undefined, T>;

// The values of the enumerated columns, declared once: the types below, the API's schemas (and
// through the OpenAPI document the web app's client) and the role sets all come from these.

export const ROLES = ['admin', 'manager', 'staff', 'owner'] as const;
export type Role = (typeof ROLES)[number];

export interface InstanceSettingsTable {
  key: string;
  /** JSON text on write (always `JSON.stringify`), parsed value on read. */
  value: ColumnType<unknown, string, string>;
  updated_at: Instant;
}

export interface UsersTable {
  id: string;
  email: string;
  password_hash: string | null;
  name: string;
  locale: Defaulted<string>;
  active: Defaulted<boolean>;
  verified: Defaulted<boolean>;
  instance_admin: Defaulted<boolean>;
  last_login_at: string | null;
  created_at: Instant;
  updated_at: Instant;
}

/** Moves on with every change the calendar shows (see the calendar's cache); written by the calendar alone. */
export interface CalendarVersionsTable {
  organization_id: string;
  version: number;
}

export interface OrganizationsTable {
  id: string;
  name: string;
  currency: Defaulted<string>;
  timezone: Defaulted<string>;
  locale: Defaulted<string>;
  /** HH:MM: what a new house takes when it is not given its own. */
  check_in_time: Defaulted<string>;
  check_out_time: Defaulted<string>;
  /** The tourist tax of houses without a rule (as `tourist_tax_rules`); mode null: no default. */
  tourist_tax_mode: 'per_night' | 'percentage' | null;
  tourist_tax_rate_cents: number | null;
  tourist_tax_percent_basis_points: number | null;
  tourist_tax_cap_cents: number | null;
  /** JSON text on write, the list of reservation sources on read. */
  tourist_tax_platform_sources: ColumnType<ReservationSource[], string | undefined, string>;
  /** JSON text on write, `NotificationPreferences` (kernel/notification-kinds.ts) on read: new members start from it. */
  notification_defaults: ColumnType<unknown, string | undefined, string>;
  /** Days the audit log keeps an entry; null: for ever. */
  audit_retention_days: number | null;
  version: Defaulted<number>;
  created_at: Instant;
  updated_at: Instant;
}

export interface MembershipsTable {
  organization_id: string;
  user_id: string;
  role: Role;
  created_at: Instant;
  updated_at: Instant;
}

export interface UserStatusHistoryTable {
  id: string;
  user_id: string;
  organization_id: string | null;
  changed_by: string | null;
  field: 'active' | 'verified' | 'role' | 'instance_admin' | 'houses';
  old_value: string | null;
  new_value: string | null;
  changed_at: Instant;
}

export interface InvitationsTable {
  id: string;
  organization_id: string;
  email: string;
  role: Role;
  token_hash: string;
  invited_by: string | null;
  expires_at: string;
  accepted_at: string | null;
  accepted_by: string | null;
  revoked_at: string | null;
  created_at: Instant;
}

export interface RegistrationRequestsTable {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  locale: Defaulted<string>;
  status: Defaulted<'pending' | 'approved' | 'rejected'>;
  decided_by: string | null;
  decided_at: string | null;
  created_at: Instant;
}

export interface AuthProvidersTable {
  code: string;
  name: string;
}

export interface UserProvidersTable {
  id: string;
  user_id: string;
  provider: string;
  subject: string;
  email: string | null;
  linked_at: Instant;
}

export interface LoginAttemptsTable {
  id: string;
  email: string | null;
  user_id: string | null;
  success: boolean;
  provider: Defaulted<string>;
  ip: string;
  user_agent: string | null;
  attempted_at: Instant;
}

export interface RefreshTokensTable {
  id: string;
  token_hash: string;
  family_id: string;
  user_id: string;
  organization_id: string | null;
  created_at: Instant;
  expires_at: string;
  used_at: string | null;
  replaced_by: string | null;
  revoked_at: string | null;
}

/** Password reset and email verification tokens: single use, only the hash stored. */
export interface OneTimeTokensTable {
  id: string;
  user_id: string;
  email: string;
  token_hash: string;
  requested_at: Instant;
  expires_at: string;
  used_at: string | null;
}

export interface EmailOutboxTable {
  id: string;
  recipient: string;
  template: string;
  locale: string;
  subject: string;
  body_text: string;
  status: Defaulted<'queued' | 'sent' | 'failed' | 'logged'>;
  attempts: Defaulted<number>;
  last_error: string | null;
  next_attempt_at: Instant;
  created_at: Instant;
  sent_at: string | null;
  updated_at: Instant;
}

export const JOB_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** Background jobs, written by the jobs module alone (see its migration for `unique_key`). */
export interface JobsTable {
  id: string;
  kind: string;
  unique_key: string | null;
  /** JSON text on write (always `JSON.stringify`), parsed value on read. */
  payload: ColumnType<unknown, string, string>;
  status: Defaulted<JobStatus>;
  attempts: Defaulted<number>;
  max_attempts: number;
  run_at: string;
  lease_until: string | null;
  locked_by: string | null;
  last_error: string | null;
  created_at: Instant;
  updated_at: Instant;
  finished_at: string | null;
}

export interface SitesTable {
  id: string;
  organization_id: string;
  name: string;
  address: string | null;
  notes: string | null;
  version: Defaulted<number>;
  created_at: Instant;
  updated_at: Instant;
}

export const HOUSE_TYPES = ['villa', 'apartment', 'room', 'guesthouse', 'other'] as const;
export type HouseType = (typeof HOUSE_TYPES)[number];

export interface HousesTable {
  id: string;
  organization_id: string;
  code: string;
  name: string;
  type: HouseType;
  site_id: string | null;
  location: string | null;
  max_guests: number;
  nightly_price_cents: number | null;
  timezone: string;
  check_in_time: Defaulted<string>;
  check_out_time: Defaulted<string>;
  status: Defaulted<'active' | 'inactive'>;
  notes: string | null;
  version: Defaulted<number>;
  created_at: Instant;
  updated_at: Instant;
}

export interface MembershipHousesTable {
  organization_id: string;
  user_id: string;
  house_id: string;
}

export interface IdempotencyKeysTable {
  scope: string;
  key: string;
  request_hash: string;
  status_code: number | null;
  response_body: string | null;
  location: string | null;
  created_at: Instant;
}

export interface GuestsTable {
  id: string;
  organization_id: string;
  name: string;
  email: string | null;
  phone: string | null;
  nationality: string | null;
  notes: string | null;
  anonymized_at: string | null;
  version: Defaulted<number>;
  created_at: Instant;
  updated_at: Instant;
}

export const RESERVATION_STATUSES = [
  'pending',
  'confirmed',
  'checked_in',
  'checked_out',
  'cancelled',
] as const;
export type ReservationStatus = (typeof RESERVATION_STATUSES)[number];
export const RESERVATION_SOURCES = ['direct', 'airbnb', 'booking', 'vrbo', 'other'] as const;
export type ReservationSource = (typeof RESERVATION_SOURCES)[number];
/** `channel`: dates a channel's feed says are not available (imported, not entered). */
export const BLOCK_KINDS = ['maintenance', 'owner', 'other', 'channel'] as const;
export type BlockKind = (typeof BLOCK_KINDS)[number];

export interface ReservationsTable {
  id: string;
  organization_id: string;
  house_id: string;
  guest_id: string;
  /** The guest's name, kept in step with guests.name so lists need not look it up. */
  guest_name: string;
  /** YYYY-MM-DD */
  check_in: string;
  /** YYYY-MM-DD, the morning of departure: the stay is [check_in, check_out). */
  check_out: string;
  guests: number;
  status: ReservationStatus;
  source: ReservationSource;
  external_ref: string | null;
  total_cents: Defaulted<number>;
  advance_cents: Defaulted<number>;
  notes: string | null;
  cancellation_reason: string | null;
  cancelled_at: string | null;
  created_by: string | null;
  version: Defaulted<number>;
  created_at: Instant;
  updated_at: Instant;
}

export interface BlocksTable {
  id: string;
  organization_id: string;
  house_id: string;
  start_date: string;
  end_date: string;
  kind: BlockKind;
  note: string | null;
  version: Defaulted<number>;
  created_at: Instant;
  updated_at: Instant;
}

export interface OccupiedNightsTable {
  house_id: string;
  night: string;
  reservation_id: string | null;
  block_id: string | null;
}

/** What the audit triggers installed were made from (db/audit-capture.ts). */
export interface AuditCaptureTable {
  fingerprint: string;
}

export interface AuditLogTable {
  /** Only grows: the order of the log, for its readers (see the audit-capture migration). */
  seq: ColumnType<number, never, never>;
  id: string;
  organization_id: string;
  entity: string;
  entity_id: string;
  action: string;
  actor_id: string | null;
  at: Instant;
  before: ColumnType<unknown, string | null, string | null>;
  after: ColumnType<unknown, string | null, string | null>;
  /** The writing transaction: one entry per entity per transaction. */
  tx: string | null;
  request_id: string | null;
  /** `row`: the table's row as stored (written by the triggers); `view`: the API's view (written by hand, before). */
  shape: Defaulted<string>;
}

export const CHECKLIST_ITEM_TYPES = ['cleaning', 'inspection', 'upkeep'] as const;
export type ChecklistItemType = (typeof CHECKLIST_ITEM_TYPES)[number];

export interface ChecklistCategoriesTable {
  id: string;
  organization_id: string;
  name: string;
  position: number;
  version: Defaulted<number>;
  created_at: Instant;
  updated_at: Instant;
}

export interface ChecklistItemsTable {
  id: string;
  organization_id: string;
  category_id: string;
  step_number: number;
  description: string;
  product_required: string | null;
  type: ChecklistItemType;
  applies_to_all: Defaulted<boolean>;
  active: Defaulted<boolean>;
  version: Defaulted<number>;
  created_at: Instant;
  updated_at: Instant;
}

export interface ChecklistItemHousesTable {
  item_id: string;
  house_id: string;
}

export interface TurnoverRoundsTable {
  id: string;
  organization_id: string;
  house_id: string;
  reservation_id: string | null;
  opened_at: Instant;
  completed_at: string | null;
  closed_at: string | null;
  /** Set when the next guest checked in before the round was done: closed as skipped. */
  skipped_at: string | null;
  skipped_by: string | null;
  skipped_reservation_id: string | null;
}

export interface TurnoverRoundItemsTable {
  round_id: string;
  item_id: string;
  category_id: string;
  category_name: string;
  category_position: number;
  step_number: number;
  description: string;
  product_required: string | null;
  type: ChecklistItemType;
  completed: Defaulted<boolean>;
  completed_at: string | null;
  completed_by: string | null;
}

export interface TaskCompletionLogsTable {
  id: string;
  organization_id: string;
  house_id: string;
  round_id: string;
  item_id: string;
  user_id: string | null;
  completed: boolean;
  at: Instant;
}

/** The channels a house's calendar is imported from and exported to. */
export const CHANNEL_SOURCES = ['airbnb', 'booking', 'vrbo', 'other'] as const;
export type ChannelSource = (typeof CHANNEL_SOURCES)[number];
/** pending: never synced yet; ok: the last sync applied; error: the last sync changed nothing (see last_error). */
export const CHANNEL_FEED_STATUSES = ['pending', 'ok', 'error'] as const;
export type ChannelFeedStatus = (typeof CHANNEL_FEED_STATUSES)[number];
export const CHANNEL_SYNC_STATUSES = ['ok', 'error'] as const;
export type ChannelSyncStatus = (typeof CHANNEL_SYNC_STATUSES)[number];
/**
 * Why a sync changed nothing: the fetch (see channels/feed.ts), a body that
 * is not a calendar, a feed not believed (empty, or dropping too many stays),
 * or a fault of the server's own.
 */
export const SYNC_ERROR_CODES = [
  'invalid_url',
  'forbidden_address',
  'fetch_failed',
  'timeout',
  'http_status',
  'too_large',
  'too_many_redirects',
  'not_calendar',
  'empty_feed',
  'too_many_cancellations',
  'unexpected',
] as const;
export type SyncErrorCode = (typeof SYNC_ERROR_CODES)[number];
export const CHANNEL_EVENT_KINDS = ['stay', 'block'] as const;
export type ChannelEventKind = (typeof CHANNEL_EVENT_KINDS)[number];

export interface ChannelFeedsTable {
  id: string;
  organization_id: string;
  house_id: string;
  name: string;
  source: ChannelSource;
  url: string;
  status: ChannelFeedStatus;
  last_error: string | null;
  last_error_code: SyncErrorCode | null;
  last_sync_at: string | null;
  last_success_at: string | null;
  next_sync_at: string;
  sync_lease_until: string | null;
  version: Defaulted<number>;
  created_at: Instant;
  updated_at: Instant;
}

export interface ChannelSyncsTable {
  id: string;
  feed_id: string;
  started_at: string;
  duration_ms: number;
  status: ChannelSyncStatus;
  http_status: number | null;
  events: number;
  created: number;
  updated: number;
  cancelled: number;
  conflicts: number;
  error: string | null;
  error_code: SyncErrorCode | null;
}

export interface ChannelEventsTable {
  feed_id: string;
  uid: string;
  organization_id: string;
  house_id: string;
  kind: ChannelEventKind;
  /** The event's dates as the feed gives them: [start_date, end_date). */
  start_date: string;
  end_date: string;
  guest_name: string | null;
  reservation_id: string | null;
  block_id: string | null;
  conflict_reservation_id: string | null;
  conflict_block_id: string | null;
  conflict_since: string | null;
  /** Closed dates that were only the house's own export coming back: not imported, not a conflict. */
  echo: Defaulted<boolean>;
  created_at: Instant;
  updated_at: Instant;
}

export interface IcalExportsTable {
  house_id: string;
  channel: ChannelSource;
  organization_id: string;
  token: string;
  created_at: Instant;
}

export const ATTACHMENT_OWNER_TYPES = ['maintenance_issue', 'ledger_entry', 'house'] as const;
export type AttachmentOwnerType = (typeof ATTACHMENT_OWNER_TYPES)[number];
export const ATTACHMENT_KINDS = ['photo', 'invoice', 'receipt', 'document'] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];
export const ATTACHMENT_STORAGES = ['disk', 'database'] as const;
export type AttachmentStorage = (typeof ATTACHMENT_STORAGES)[number];

export interface AttachmentsTable {
  id: string;
  organization_id: string;
  owner_type: AttachmentOwnerType;
  owner_id: string;
  kind: AttachmentKind;
  /** The name the user's file had: shown, never used as a path. */
  file_name: string;
  content_type: string;
  size: number;
  width: number | null;
  height: number | null;
  storage: AttachmentStorage;
  /** The generated name the bytes are stored under. */
  content_key: string;
  thumbnail_key: string | null;
  created_by: string | null;
  created_at: Instant;
}

export interface AttachmentContentsTable {
  key: string;
  bytes: Uint8Array;
  created_at: Instant;
}

export const MAINTENANCE_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type MaintenancePriority = (typeof MAINTENANCE_PRIORITIES)[number];
export const MAINTENANCE_STATUSES = ['open', 'in_progress', 'on_hold', 'resolved', 'cancelled'] as const;
export type MaintenanceStatus = (typeof MAINTENANCE_STATUSES)[number];

export interface MaintenanceTypesTable {
  organization_id: string;
  code: string;
  label_en: string;
  label_fr: string;
  position: number;
  active: Defaulted<boolean>;
  created_at: Instant;
}

export interface MaintenanceIssuesTable {
  id: string;
  organization_id: string;
  house_id: string;
  type: string;
  title: string;
  description: string | null;
  priority: MaintenancePriority;
  status: MaintenanceStatus;
  reported_at: string;
  reported_by: string | null;
  reported_by_guest: Defaulted<boolean>;
  assignee_user_id: string | null;
  assignee_name: string | null;
  assignee_phone: string | null;
  due_date: string | null;
  resolved_at: string | null;
  resolution_note: string | null;
  /** Cents. */
  labor_cost: Defaulted<number>;
  /** Cents. */
  materials_cost: Defaulted<number>;
  block_id: string | null;
  version: Defaulted<number>;
  created_at: Instant;
  updated_at: Instant;
}

export const LEDGER_ENTRY_TYPES = ['income', 'expense'] as const;
export type LedgerEntryType = (typeof LEDGER_ENTRY_TYPES)[number];
export const LEDGER_CATEGORIES = [
  'rent',
  'cleaning_fee',
  'extra',
  'tourist_tax',
  'channel_fee',
  'commission',
  'deposit',
  'deposit_return',
  'refund',
  'maintenance',
  'supplies',
  'utilities',
  'insurance',
  'tax',
  'other',
] as const;
export type LedgerCategory = (typeof LEDGER_CATEGORIES)[number];
export const LEDGER_ORIGINS = ['reservation', 'maintenance', 'manual', 'adjustment'] as const;
export type LedgerOrigin = (typeof LEDGER_ORIGINS)[number];
export const PAYMENT_KINDS = [
  'advance',
  'balance',
  'deposit',
  'deposit_return',
  'deposit_kept',
  'refund',
] as const;
export type PaymentKind = (typeof PAYMENT_KINDS)[number];
export const PAYMENT_METHODS = ['cash', 'bank_transfer', 'card', 'check', 'platform', 'other'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export interface PaymentsTable {
  id: string;
  organization_id: string;
  reservation_id: string;
  house_id: string;
  date: string;
  kind: PaymentKind;
  amount_cents: number;
  method: PaymentMethod | null;
  note: string | null;
  created_at: Instant;
  created_by: string | null;
}

export interface LedgerEntriesTable {
  id: string;
  organization_id: string;
  house_id: string | null;
  date: string;
  type: LedgerEntryType;
  category: LedgerCategory;
  description: string;
  /** Cents, always positive: `type` says which way the money went. */
  amount_cents: number;
  origin: LedgerOrigin;
  reservation_id: string | null;
  maintenance_issue_id: string | null;
  payment_id: string | null;
  adjusts_entry_id: string | null;
  system: boolean;
  held: Defaulted<boolean>;
  source_id: string | null;
  purpose: string | null;
  version: Defaulted<number>;
  created_at: Instant;
  created_by: string | null;
  updated_at: Instant;
}

export interface FinanceClosingsTable {
  organization_id: string;
  /** YYYY-MM */
  month: string;
  closed_at: Instant;
  closed_by: string | null;
}

/** What the ledger's entries add up to per house, month, category and origin (see finance.repository.ts). */
export interface LedgerTotalsTable {
  organization_id: string;
  /** The house's id, or '' for the whole organization's entries. */
  house_key: string;
  /** YYYY-MM */
  month: string;
  category: LedgerCategory;
  origin: LedgerOrigin;
  income_cents: Defaulted<number>;
  expense_cents: Defaulted<number>;
  held_in_cents: Defaulted<number>;
  held_out_cents: Defaulted<number>;
}

export const TOURIST_TAX_MODES = ['per_night', 'percentage'] as const;
export type TouristTaxMode = (typeof TOURIST_TAX_MODES)[number];
export const TOURIST_TAX_COLLECTORS = ['manager', 'platform'] as const;
export type TouristTaxCollector = (typeof TOURIST_TAX_COLLECTORS)[number];

export interface TouristTaxRulesTable {
  house_id: string;
  organization_id: string;
  mode: TouristTaxMode;
  /** per_night: cents per adult and night. */
  rate_cents: number | null;
  /** percentage: hundredths of a percent of the price per person and night. */
  percent_basis_points: number | null;
  /** percentage: the most per adult and night, in cents. */
  cap_cents: number | null;
  /** JSON text on write, the list of reservation sources on read. */
  platform_sources: ColumnType<ReservationSource[], string, string>;
  updated_at: Instant;
}

export interface StayTouristTaxesTable {
  reservation_id: string;
  organization_id: string;
  adults: number;
  nights: number;
  amount_cents: number;
  collected_by: TouristTaxCollector;
  date: string;
  created_at: Instant;
  created_by: string | null;
}

/** An owner's contract for a house: the manager's commission from a month on (see the statements module). */
export interface OwnerContractsTable {
  id: string;
  organization_id: string;
  house_id: string;
  /** YYYY-MM: the first month it is in force. */
  effective_from: string;
  /** Basis points (hundredths of a percent) of the stays' accommodation price. */
  accommodation_rate: number;
  /** Basis points of the house's income, tourist tax left out. */
  income_rate: number;
  note: string | null;
  created_at: Instant;
  created_by: string | null;
}

/** A closed month's owner statement as first printed under its closing. */
export interface OwnerStatementSnapshotsTable {
  organization_id: string;
  house_id: string;
  /** YYYY-MM */
  month: string;
  closed_at: string;
  /** JSON text on write, the statement on read. */
  body: ColumnType<unknown, string, string>;
  created_at: Instant;
}

/** Analytics' running totals per house and month, written by the analytics module only. */
export interface OccupancyMonthsTable {
  organization_id: string;
  house_id: string;
  /** YYYY-MM */
  month: string;
  booked_nights: Defaulted<number>;
  /** Nights under owner or maintenance blocks. */
  blocked_nights: Defaulted<number>;
  /** The share of stays' prices that falls on the month's nights. */
  revenue_cents: Defaulted<number>;
  /** Stays arriving in the month: how many, their nights, and their lead times in days, summed. */
  arrivals: Defaulted<number>;
  arrival_nights: Defaulted<number>;
  lead_days: Defaulted<number>;
}

/** A member's notifications, written by the notifications module only. */
export interface NotificationsTable {
  /** Only grows: what the live stream reads new rows by. */
  seq: ColumnType<number, never, never>;
  /** PostgreSQL: the writing transaction (pg_current_xact_id), defaulted; null on SQLite. */
  tx: ColumnType<string | null, never, never>;
  id: string;
  organization_id: string;
  user_id: string;
  kind: string;
  title: string;
  body: string;
  entity_type: string | null;
  entity_id: string | null;
  url: string | null;
  created_at: Instant;
  read_at: string | null;
  dedupe_key: string | null;
}

/** A member's choices per kind of notification; without a row, the organization's defaults. */
export interface NotificationPreferencesTable {
  organization_id: string;
  user_id: string;
  preferences: ColumnType<unknown, string, string>;
  updated_at: Instant;
}

/** Reminders and digests already sent, by key: each goes out once. */
export interface NotificationSendsTable {
  key: string;
  organization_id: string;
  created_at: Instant;
}
