import type { AdjudicationEvent } from './adjudication.events';
import type { EnforcementEvent } from './enforcement.events';
import type { EscalationEvent } from './escalation.events';
import type { IntakeEvent } from './intake.events';
import type { PersonalDataAccessEvent } from './personal-data.events';
import type { SupervisionEvent } from './supervision.events';

export const SERVICES = ['intake', 'escalation', 'adjudication', 'enforcement', 'supervision'] as const;
export type WriteService = (typeof SERVICES)[number];

/** One Kafka topic per writing service, keyed by case id; a message that keeps failing goes to `<topic>.dlq`. */
export const TOPICS: Readonly<Record<WriteService, string>> = {
  intake: 'whistle.intake.v1',
  escalation: 'whistle.escalation.v1',
  adjudication: 'whistle.adjudication.v1',
  enforcement: 'whistle.enforcement.v1',
  supervision: 'whistle.supervision.v1',
};

export const dlqOf = (topic: string): string => `${topic}.dlq`;

/** The audit's signed checkpoints (distributed mode), keyed by log: a copy of the anchor off the audit's machine. */
export const CHECKPOINT_TOPIC = 'whistle.audit.checkpoints.v1';

export type AnyEvent = IntakeEvent | PersonalDataAccessEvent | EscalationEvent | AdjudicationEvent | EnforcementEvent | SupervisionEvent;
export type EventType = AnyEvent['type'];

/** The service that owns (writes) an event type, read off its prefix. */
export function ownerOf(type: string): WriteService | undefined {
  const prefix = type.split('.', 1)[0];
  return (SERVICES as readonly string[]).includes(prefix ?? '') ? (prefix as WriteService) : undefined;
}

/**
 * One kind of stream: called with an id it names that id's stream (`streams.case('c1')` is
 * `case-c1`); `prefix` starts every stream of the kind, `owns` tells one of its streams and
 * `idOf` reads the id back.
 */
export interface StreamKind {
  (id: string): string;
  readonly prefix: string;
  owns(streamId: string): boolean;
  idOf(streamId: string): string;
}

export function streamKind(name: string): StreamKind {
  const prefix = `${name}-`;
  return Object.assign((id: string) => `${prefix}${id}`, {
    prefix,
    owns: (streamId: string) => streamId.startsWith(prefix),
    idOf: (streamId: string) => streamId.slice(prefix.length),
  });
}

/** Stream names, one place for all. */
export const streams = {
  case: streamKind('case'),
  /** who read a case's reporter in full (个人信息查阅记录), kept apart from the case's own stream */
  personalDataAccess: streamKind('personal-data-access'),
  whistle: streamKind('whistle'),
  meeting: streamKind('meeting'),
  adjudication: streamKind('adjudication'),
  task: streamKind('task'),
  publicity: streamKind('publicity'),
  evaluation: streamKind('evaluation'),
  firm: streamKind('firm'),
  assessment: streamKind('assessment'),
  weighting: streamKind('weighting'),
  notices: streamKind('notices'),
  /** a compound's profile and liaison (小区档案, 联系小区) */
  compound: streamKind('compound'),
  /** the catalogue's changes (目录变更), one stream for the town */
  catalogue: streamKind('catalogue'),
} as const;

/** A task's id follows from its round and unit, so a redelivered whistle never makes a second task. */
export const taskIdFor = (whistleId: string, unitId: string): string => `${whistleId}.${unitId}`;

/**
 * The case an event belongs to: its data's caseId, or for a meeting's own events (scheduled,
 * opened, attendance, closed) the meeting.
 */
export function caseIdOf(event: AnyEvent): string {
  const data = event.data as { caseId?: string; meetingId?: string };
  return data.caseId ?? data.meetingId ?? '';
}

/**
 * The bus key that keeps a stream's events in order: the case id, except for a meeting's
 * stream, whose events concern several cases and so are keyed by the meeting.
 */
export function messageKeyOf(envelope: { streamId: string; caseId: string }): string {
  return streams.meeting.owns(envelope.streamId) ? envelope.streamId : envelope.caseId;
}

/**
 * A recorded event as the domains read it: its type and data are what its producer's decider
 * emitted; a type no domain knows falls through every reaction policy to no reaction.
 */
export function eventOf(envelope: { readonly type: string; readonly data: unknown }): AnyEvent {
  return { type: envelope.type, data: envelope.data } as AnyEvent;
}
