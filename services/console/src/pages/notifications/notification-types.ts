/** GET /api/notifications: one notification and its delivery (services/notifications' answer). */
export type NotificationStatus = 'pending' | 'retrying' | 'delivered' | 'dead' | 'no_channel';
export const NOTIFICATION_STATUSES: readonly NotificationStatus[] = ['pending', 'retrying', 'delivered', 'dead', 'no_channel'];

export type NotificationKind = 'summoned' | 'report_in_near' | 'report_in_missed' | 'meeting_invited' | 'case_overdue';

export interface DeliveryAttempt {
  readonly number: number;
  readonly at: string;
  readonly channel: string;
  readonly outcome: 'delivered' | 'failed';
  readonly httpStatus: number | null;
  readonly error: string | null;
}

export interface NotificationEntry {
  readonly id: string;
  readonly kind: NotificationKind;
  readonly recipient: { readonly kind: 'unit' | 'station'; readonly id: string };
  readonly caseId: string | null;
  readonly createdAt: string;
  readonly status: NotificationStatus;
  readonly nextAttemptAt: string | null;
  readonly deliveredAt: string | null;
  readonly lastError: string | null;
  readonly attempts: readonly DeliveryAttempt[];
}
