/**
 * The kinds of notification a member may receive, and how each reaches them:
 * named once here because a member's preferences (notifications module) and
 * the organization's defaults for new members (organization settings) share
 * one shape, `{ kinds: { <kind>: { inApp, email } }, digest }`.
 */
export const NOTIFICATION_KINDS = [
  /** A stay created by someone else or by a channel. */
  'stay_created',
  /** A stay's dates or house changed by someone else or by a channel. */
  'stay_changed',
  /** A stay cancelled by someone else or by a channel. */
  'stay_cancelled',
  /** A channel's booking overlaps a stay or a block. */
  'channel_conflict',
  /** A channel's feed cannot be read. */
  'channel_error',
  'work_order_reported',
  /** A work order assigned to the member. */
  'work_order_assigned',
  'work_order_urgent',
  'work_order_resolved',
  /** A house not ready 24 hours before an arrival. */
  'house_not_ready',
  /** A guest arriving with a balance still due. */
  'balance_due',
  /** A turnover not finished by its next arrival's check-in time. */
  'turnover_overdue',
] as const;

export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export interface DeliveryChoice {
  inApp: boolean;
  email: boolean;
}

export interface NotificationPreferences {
  kinds: Record<NotificationKind, DeliveryChoice>;
  /** The daily email digest (managers): tomorrow's arrivals, departures, houses not ready, urgent work orders. */
  digest: boolean;
}

/** What a member receives before anyone chose otherwise: everything in the app, no email but the digest. */
export const DEFAULT_NOTIFICATION_PREFERENCES: NotificationPreferences = {
  kinds: Object.fromEntries(
    NOTIFICATION_KINDS.map((kind) => [kind, { inApp: true, email: false }]),
  ) as Record<NotificationKind, DeliveryChoice>,
  digest: true,
};
