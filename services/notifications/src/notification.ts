import { createHash } from 'node:crypto';
import { assertNever } from '@whistle/kernel';

/**
 * Notifications (通知): who is told of what. A unit summoned by a whistle (被吹哨召集), a unit whose
 * report-in (报到) deadline is near or passed, the units invited to a joint meeting (联席会议), and
 * the station (工作站) of a case with a lapsed deadline.
 */
export const NOTIFICATION_KINDS = ['summoned', 'report_in_near', 'report_in_missed', 'meeting_invited', 'case_overdue'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const RECIPIENT_KINDS = ['unit', 'station'] as const;
export interface Recipient {
  readonly kind: (typeof RECIPIENT_KINDS)[number];
  readonly id: string;
}

/** What is said to the recipient: the facts as plain JSON, with a line of text in both languages. */
export interface NotificationDraft {
  readonly kind: NotificationKind;
  readonly recipient: Recipient;
  /** The event that made it; with the kind and the recipient it fixes the notification's id. */
  readonly sourceEventId: string;
  readonly sourceEventType: string;
  readonly caseId: string | null;
  readonly facts: Readonly<Record<string, string | number>>;
}

/**
 * The same event, kind and recipient always give the same id, so handling an event again (the
 * consumer delivers at least once) or ticking a deadline again never makes a second notification.
 */
export function notificationId(draft: Pick<NotificationDraft, 'sourceEventId' | 'kind' | 'recipient'>): string {
  const { sourceEventId, kind, recipient } = draft;
  return `ntf_${createHash('sha256').update(`${sourceEventId}|${kind}|${recipient.kind}:${recipient.id}`).digest('hex').slice(0, 32)}`;
}

/** One line for people, in Chinese and in English, from the kind and its facts. */
export function notificationText(draft: Pick<NotificationDraft, 'kind' | 'caseId' | 'facts'>): { readonly zh: string; readonly en: string } {
  const { kind, caseId, facts } = draft;
  switch (kind) {
    case 'summoned':
      return {
        zh: `案件 ${caseId} 吹响${facts['level']}级哨，贵单位被召集${facts['reportInDueAt'] ? `，请于 ${facts['reportInDueAt']} 前报到` : ''}`,
        en: `Case ${caseId}: a level-${facts['level']} whistle summons your unit${facts['reportInDueAt'] ? `; report in by ${facts['reportInDueAt']}` : ''}`,
      };
    case 'report_in_near':
      return { zh: `案件 ${caseId} 的报到时限 ${facts['dueAt']} 将至，请尽快报到`, en: `Case ${caseId}: the report-in deadline ${facts['dueAt']} is near` };
    case 'report_in_missed':
      return { zh: `案件 ${caseId} 的报到时限 ${facts['dueAt']} 已过`, en: `Case ${caseId}: the report-in deadline ${facts['dueAt']} has passed` };
    case 'meeting_invited':
      return { zh: `贵单位受邀出席 ${facts['scheduledAt']} 在${facts['place']}召开的联席会议`, en: `Your unit is invited to the joint meeting at ${facts['place']} on ${facts['scheduledAt']}` };
    case 'case_overdue':
      return {
        zh: `贵站案件 ${caseId} 已超期（${facts['lapse']}${facts['unitId'] ? `，${facts['unitId']}` : ''}）`,
        en: `Case ${caseId} of your station is overdue (${facts['lapse']}${facts['unitId'] ? `, ${facts['unitId']}` : ''})`,
      };
    default:
      return assertNever(kind, 'notification kind');
  }
}
